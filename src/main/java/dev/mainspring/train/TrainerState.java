package dev.mainspring.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's own state in a checkpoint, beside the weights and AdamW moments: steps done, the
 * best validation so far, and the stopping rules' histories. Stored with the run's config as the
 * checkpoint's JSON ({"config": ..., "state": ...}). The checkpoint's RNG-state bytes are the run
 * seed and the next training example index ({@link #rngState}); every stream derives from those
 * ({@link DataSeeds}).
 *
 * @param step steps completed; the resumed run's first step
 * @param bestNeRmse lowest validation N_e RMSE so far (+∞ before the first validation)
 * @param bestStep the step of that validation (-1: none)
 */
public record TrainerState(long step, double bestNeRmse, long bestStep, List<Double> validationLosses,
    List<Double> neRmses) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public TrainerState {
    validationLosses = List.copyOf(validationLosses);
    neRmses = List.copyOf(neRmses);
  }

  public static TrainerState initial() {
    return new TrainerState(0, Double.POSITIVE_INFINITY, -1, List.of(), List.of());
  }

  /** 16 bytes: the run seed and the index of the next training example. */
  public static byte[] rngState(long seed, long nextExample) {
    return ByteBuffer.allocate(16).putLong(seed).putLong(nextExample).array();
  }

  /** The checkpoint JSON for this state and its run's config. */
  public String toJson(TrainConfig config) {
    try {
      ObjectNode root = JSON.createObjectNode();
      root.set("config", JSON.readTree(TrainConfigJson.write(config)));
      ObjectNode s = root.putObject("state");
      s.put("step", step);
      if (Double.isFinite(bestNeRmse)) {
        s.put("best_ne_rmse", bestNeRmse);
      } else {
        s.putNull("best_ne_rmse");
      }
      s.put("best_step", bestStep);
      list(s.putArray("validation_losses"), validationLosses);
      list(s.putArray("ne_rmses"), neRmses);
      return JSON.writeValueAsString(root);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write trainer state", e);
    }
  }

  private static void list(ArrayNode a, List<Double> values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        a.add(v);
      } else {
        a.addNull();
      }
    }
  }

  /** The config and state of a checkpoint's JSON. */
  public record Saved(TrainConfig config, TrainerState state) {}

  public static Saved fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.has("config") || !root.has("state")) {
        throw new IllegalArgumentException("checkpoint JSON has no config/state: not written by 'train'");
      }
      TrainConfig config = TrainConfigJson.read(root.get("config").toString());
      JsonNode s = root.get("state");
      JsonNode best = s.get("best_ne_rmse");
      return new Saved(config, new TrainerState(s.get("step").asLong(),
          best == null || best.isNull() ? Double.POSITIVE_INFINITY : best.asDouble(), s.get("best_step").asLong(),
          doubles(s.get("validation_losses")), doubles(s.get("ne_rmses"))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("checkpoint JSON is not valid: " + e.getOriginalMessage());
    }
  }

  private static List<Double> doubles(JsonNode a) {
    List<Double> out = new ArrayList<>();
    if (a != null) {
      for (JsonNode v : a) {
        out.add(v.isNull() ? Double.NaN : v.asDouble());
      }
    }
    return out;
  }
}
