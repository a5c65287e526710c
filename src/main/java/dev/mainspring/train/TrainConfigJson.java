package dev.mainspring.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * {@link TrainConfig} as JSON: the field names of the record (the model's nested under "model").
 * {@link #override} applies a partial JSON object on top of a configuration — what {@code --config
 * FILE} does — so a file names only what it changes; unknown fields and wrong types are errors that
 * name the field.
 *
 * <p>Older configs (config.json and the config in a checkpoint) named the stopping-rule windows
 * {@code plateauWindow} and {@code stallWindow} and counted validations; they are read as
 * {@code plateauSteps}/{@code stallSteps} = window × validateEvery, the same number of steps, so a
 * resumed run judges the same windows. With validateEvery 0 (T/4, not yet known) there is no exact
 * conversion and the old name is an error that names the new one.
 */
public final class TrainConfigJson {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  private TrainConfigJson() {}

  public static String write(TrainConfig config) {
    try {
      return JSON.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write config as JSON", e);
    }
  }

  /** A complete configuration (every field present), e.g. a run's config.json. */
  public static TrainConfig read(String json) {
    JsonNode tree = parse(json);
    if (tree.isObject()) {
      upgrade((ObjectNode) tree, (ObjectNode) tree);
    }
    return convert(tree);
  }

  /** {@code base} with the fields of the JSON object {@code json} replaced (objects merge). */
  public static TrainConfig override(TrainConfig base, String json) {
    JsonNode patch = parse(json);
    if (!patch.isObject()) {
      throw new IllegalArgumentException("config must be a JSON object, got " + patch.getNodeType());
    }
    ObjectNode tree = JSON.valueToTree(base);
    merge(tree, (ObjectNode) patch, "");
    upgrade(tree, (ObjectNode) patch);
    return convert(tree);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not valid JSON: " + e.getOriginalMessage() + " (line "
          + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }
  }

  private static void merge(ObjectNode into, ObjectNode patch, String path) {
    Iterator<Map.Entry<String, JsonNode>> it = patch.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = path + e.getKey();
      JsonNode old = into.get(e.getKey());
      if (old == null) {
        if (!path.isEmpty() || !LEGACY_WINDOWS.containsKey(e.getKey())) {
          throw new IllegalArgumentException("unknown config field '" + name + "'; known fields: "
              + fieldNames(into));
        }
        into.set(e.getKey(), e.getValue()); // an old window field: upgrade() converts it
      } else if (old.isObject() && e.getValue().isObject()) {
        merge((ObjectNode) old, (ObjectNode) e.getValue(), name + ".");
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  /** Old window fields (validations) and the fields in steps that replaced them. */
  private static final Map<String, String> LEGACY_WINDOWS = Map.of(
      "plateauWindow", "plateauSteps",
      "stallWindow", "stallSteps");

  /**
   * Replaces the old window fields of {@code tree} (merged from {@code source}, the JSON as given)
   * by their equivalents in steps.
   */
  private static void upgrade(ObjectNode tree, ObjectNode source) {
    for (Map.Entry<String, String> e : LEGACY_WINDOWS.entrySet()) {
      String old = e.getKey();
      String now = e.getValue();
      if (!tree.has(old)) {
        continue;
      }
      if (source.has(now)) {
        throw new IllegalArgumentException("config names both '" + old + "' (the old window, in validations) and '"
            + now + "' (its replacement, in steps); keep only '" + now + "'");
      }
      JsonNode window = tree.get(old);
      JsonNode every = tree.get("validateEvery");
      if (!window.isIntegralNumber() || every == null || !every.isIntegralNumber()) {
        throw new IllegalArgumentException("config field '" + old + "' (old name of '" + now
            + "') must be an integer, with an integer validateEvery");
      }
      if (every.asLong() <= 0) {
        throw new IllegalArgumentException("config field '" + old + "' counted validations and was replaced by '"
            + now + "' (steps); with validateEvery " + every.asLong() + " (T/4, unknown until T is) it cannot be "
            + "converted: give '" + now + "' instead");
      }
      long steps = window.asLong() * every.asLong();
      if (steps > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("config field '" + old + "' = " + window.asLong() + " validations of "
            + every.asLong() + " steps is more steps than '" + now + "' can hold");
      }
      tree.remove(old);
      tree.put(now, (int) steps);
    }
  }

  private static String fieldNames(ObjectNode node) {
    StringBuilder sb = new StringBuilder();
    node.fieldNames().forEachRemaining(n -> sb.append(sb.isEmpty() ? "" : ", ").append(n));
    return sb.toString();
  }

  private static TrainConfig convert(JsonNode tree) {
    try {
      return JSON.treeToValue(tree, TrainConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException("unknown config field '" + e.getPropertyName() + "'");
    } catch (MismatchedInputException e) {
      throw new IllegalArgumentException("config field '" + path(e) + "' has the wrong type or is missing: "
          + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad config: " + e.getOriginalMessage());
    }
  }

  private static String path(MismatchedInputException e) {
    StringBuilder sb = new StringBuilder();
    for (var ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
      }
    }
    return sb.toString();
  }
}
