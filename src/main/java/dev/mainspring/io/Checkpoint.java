package dev.mainspring.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint as a safetensors file ({@link SafeTensors}): parameters under their module
 * names ("encoder.0.weight", readable by {@code safetensors.torch.load_file}), the optimiser's
 * moments as {@code optim.m.<name>} / {@code optim.v.<name>}, and in the metadata the step, the
 * random generator's state (base64), the run's JSON config and the SHA-256 checksums. Written
 * atomically; {@link #load} refuses a file that is truncated, altered, or does not fit the model,
 * with a message naming the file and the problem.
 */
public final class Checkpoint implements AutoCloseable {
  public static final String FORMAT = "mainspring-checkpoint";
  public static final String FORMAT_VERSION = "1";
  public static final String FIRST_MOMENT = "optim.m.";
  public static final String SECOND_MOMENT = "optim.v.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, Tensor> parameters;
  private final Map<String, Tensor> firstMoments;
  private final Map<String, Tensor> secondMoments;
  private final long step;
  private final byte[] rngState;
  private final String config;

  private Checkpoint(Path file, Map<String, Tensor> parameters, Map<String, Tensor> firstMoments,
      Map<String, Tensor> secondMoments, long step, byte[] rngState, String config) {
    this.file = file;
    this.parameters = parameters;
    this.firstMoments = firstMoments;
    this.secondMoments = secondMoments;
    this.step = step;
    this.rngState = rngState;
    this.config = config;
  }

  /**
   * Writes a checkpoint atomically. Moments may cover a subset of the parameters (those the
   * optimiser has stepped), each with its parameter's shape; {@code configJson} must be JSON.
   */
  public static void save(Path file, Map<String, Tensor> parameters,
      Map<String, Tensor> firstMoments, Map<String, Tensor> secondMoments, long step,
      byte[] rngState, String configJson) throws IOException {
    if (step < 0) {
      throw new IllegalArgumentException("step must be ≥ 0, got " + step);
    }
    try {
      JSON.readTree(configJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("config is not valid JSON: " + e.getOriginalMessage());
    }
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
      if (e.getKey().startsWith("optim.")) {
        throw new IllegalArgumentException("parameter names may not start with 'optim.': "
            + e.getKey());
      }
      all.put(e.getKey(), e.getValue());
    }
    addMoments(all, FIRST_MOMENT, firstMoments, parameters);
    addMoments(all, SECOND_MOMENT, secondMoments, parameters);
    if (!firstMoments.keySet().equals(secondMoments.keySet())) {
      throw new IllegalArgumentException("first and second moments cover different parameters");
    }
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", FORMAT);
    meta.put("format_version", FORMAT_VERSION);
    meta.put("step", Long.toString(step));
    meta.put("rng_state", Base64.getEncoder().encodeToString(rngState));
    meta.put("config", configJson);
    SafeTensors.write(file, all, meta);
  }

  private static void addMoments(Map<String, Tensor> all, String prefix, Map<String, Tensor> moments,
      Map<String, Tensor> parameters) {
    for (Map.Entry<String, Tensor> e : moments.entrySet()) {
      Tensor p = parameters.get(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException("optimiser state for unknown parameter " + e.getKey());
      }
      e.getValue().requireShape(p.shape(), "optimiser state of " + e.getKey());
      all.put(prefix + e.getKey(), e.getValue());
    }
  }

  /**
   * Reads and checks a checkpoint against the model's parameters ({@code expected}: name → a
   * tensor of the right dtype and shape, e.g. the live parameters). Every expected parameter must
   * be present with its shape and dtype, nothing unexpected may be, checksums must match. The
   * returned tensors are new (outside any scope) on the expected tensors' backends and are
   * released by {@link #close()}.
   */
  public static Checkpoint load(Path file, Map<String, Tensor> expected) throws IOException {
    try (SafeTensors.Reader r = SafeTensors.open(file)) {
      Map<String, String> meta = r.metadata();
      if (!FORMAT.equals(meta.get("format"))) {
        throw new InvalidFileException(file, "not a Mainspring checkpoint (metadata 'format' is "
            + meta.get("format") + ")");
      }
      if (!FORMAT_VERSION.equals(meta.get("format_version"))) {
        throw new InvalidFileException(file, "checkpoint format version "
            + meta.get("format_version") + " is not " + FORMAT_VERSION);
      }
      if (!r.hasDigests()) {
        throw new InvalidFileException(file, "has no checksums (altered)");
      }
      List<String> problems = new ArrayList<>();
      for (Map.Entry<String, Tensor> e : expected.entrySet()) {
        check(r, e.getKey(), e.getValue(), "parameter", problems);
      }
      for (String name : r.entries().keySet()) {
        String param = name.startsWith(FIRST_MOMENT) ? name.substring(FIRST_MOMENT.length())
            : name.startsWith(SECOND_MOMENT) ? name.substring(SECOND_MOMENT.length()) : null;
        if (param == null) {
          if (!expected.containsKey(name)) {
            problems.add("unexpected tensor '" + name + "' (the model has no such parameter)");
          }
        } else if (!expected.containsKey(param)) {
          problems.add("optimiser state '" + name + "' for a parameter the model does not have");
        } else {
          check(r, name, expected.get(param), "optimiser state", problems);
          String other = name.startsWith(FIRST_MOMENT) ? SECOND_MOMENT + param
              : FIRST_MOMENT + param;
          if (!r.entries().containsKey(other)) {
            problems.add("'" + name + "' without its pair '" + other + "'");
          }
        }
      }
      if (!problems.isEmpty()) {
        throw new InvalidFileException(file, "does not fit the model: "
            + String.join("; ", problems));
      }
      long step;
      byte[] rng;
      try {
        step = Long.parseLong(meta.getOrDefault("step", ""));
        rng = Base64.getDecoder().decode(meta.getOrDefault("rng_state", ""));
      } catch (IllegalArgumentException e) {
        throw new InvalidFileException(file, "metadata 'step' or 'rng_state' is malformed");
      }
      String config = meta.get("config");
      if (config == null) {
        throw new InvalidFileException(file, "metadata lacks the run's 'config'");
      }
      Map<String, Tensor> params = new LinkedHashMap<>();
      Map<String, Tensor> first = new LinkedHashMap<>();
      Map<String, Tensor> second = new LinkedHashMap<>();
      try (Scope s = Scope.detached()) {
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
          params.put(e.getKey(), r.read(e.getKey(), e.getValue().backend()));
          if (r.entries().containsKey(FIRST_MOMENT + e.getKey())) {
            first.put(e.getKey(), r.read(FIRST_MOMENT + e.getKey(), e.getValue().backend()));
            second.put(e.getKey(), r.read(SECOND_MOMENT + e.getKey(), e.getValue().backend()));
          }
        }
      }
      return new Checkpoint(file, params, first, second, step, rng, config);
    }
  }

  private static void check(SafeTensors.Reader r, String name, Tensor like, String what,
      List<String> problems) {
    SafeTensors.Entry e = r.entries().get(name);
    if (e == null) {
      problems.add("missing " + what + " '" + name + "'");
    } else if (e.ourDtype() != like.dtype()) {
      problems.add(what + " '" + name + "' is " + e.dtype() + " but the model has " + like.dtype());
    } else if (!Arrays.equals(e.shape(), like.shape())) {
      problems.add(what + " '" + name + "' has shape " + Shape.str(e.shape())
          + " but the model expects " + Shape.str(like.shape()));
    }
  }

  /** Copies the saved parameter values into {@code destinations} (same names and shapes). */
  public void copyParametersInto(Map<String, Tensor> destinations) {
    for (Map.Entry<String, Tensor> e : destinations.entrySet()) {
      Tensor src = parameters.get(e.getKey());
      if (src == null) {
        throw new IllegalArgumentException(file + " was not loaded for parameter " + e.getKey());
      }
      e.getValue().requireShape(src.shape(), "parameter " + e.getKey());
      src.copyTo(e.getValue());
    }
  }

  public Path file() {
    return file;
  }

  public Map<String, Tensor> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /** Saved first moments by parameter name (empty before the first optimiser step). */
  public Map<String, Tensor> firstMoments() {
    return Collections.unmodifiableMap(firstMoments);
  }

  public Map<String, Tensor> secondMoments() {
    return Collections.unmodifiableMap(secondMoments);
  }

  public long step() {
    return step;
  }

  public byte[] rngState() {
    return rngState.clone();
  }

  /** The run's config as saved (a JSON string). */
  public String config() {
    return config;
  }

  @Override
  public void close() {
    for (Map<String, Tensor> m : List.of(parameters, firstMoments, secondMoments)) {
      for (Tensor t : m.values()) {
        t.release();
      }
    }
  }
}
