package dev.mainspring.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mainspring.io.AtomicFiles;
import dev.mainspring.io.InvalidFileException;
import dev.mainspring.io.SafeTensors;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * An inference-ready model on disk: a directory holding {@value #CONFIG_FILE} (format tag and the
 * {@link ModelConfig} under "model", as JSON) and {@value #WEIGHTS_FILE} (every parameter by its
 * module-tree name). Training exports its result with {@link #save}; infer and evaluate read it
 * with {@link #load}. Each file is replaced atomically, and the weights carry the config JSON in
 * their metadata, so a directory whose two files come from different saves (a crash between the
 * two renames) is refused rather than loaded inconsistently.
 */
public final class ModelStore {
  public static final String CONFIG_FILE = "model.json";
  public static final String WEIGHTS_FILE = "model.safetensors";
  static final String FORMAT = "mainspring-model";
  static final int VERSION = 1;
  private static final String CONFIG_METADATA = "mainspring.model";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelStore() {}

  public static void save(Path dir, MainspringModel model) throws IOException {
    Files.createDirectories(dir);
    String configJson = configJson(model.config());
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      tensors.put(e.getKey(), e.getValue().value());
    }
    SafeTensors.write(dir.resolve(WEIGHTS_FILE), tensors, Map.of(CONFIG_METADATA, configJson));
    AtomicFiles.writeText(dir.resolve(CONFIG_FILE), w -> w.write(configJson));
  }

  /** The model saved in {@code dir}; every problem names the file and what is wrong. */
  public static MainspringModel load(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidFileException(dir, Files.exists(dir) ? "is not a directory; pass the model directory"
          : "no such model directory");
    }
    Path configFile = dir.resolve(CONFIG_FILE);
    Path weightsFile = dir.resolve(WEIGHTS_FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new InvalidFileException(dir, "no " + CONFIG_FILE + " here: pass a directory exported by train "
          + "(it holds " + CONFIG_FILE + " and " + WEIGHTS_FILE + ")");
    }
    if (!Files.isRegularFile(weightsFile)) {
      throw new InvalidFileException(dir, CONFIG_FILE + " is here but " + WEIGHTS_FILE + " is missing");
    }
    String configJson = Files.readString(configFile);
    ModelConfig config = parseConfig(configFile, configJson);
    MainspringModel model = new MainspringModel(config, 0);
    try (SafeTensors.Reader reader = SafeTensors.open(weightsFile)) {
      String saved = reader.metadata().get(CONFIG_METADATA);
      if (saved != null && !JSON.readTree(saved).equals(JSON.readTree(configJson))) {
        throw new InvalidFileException(weightsFile, "was saved with a different configuration than "
            + CONFIG_FILE + " (the directory mixes two saves)");
      }
      Map<String, Parameter> params = model.namedParameters();
      TreeSet<String> extra = new TreeSet<>(reader.entries().keySet());
      extra.removeAll(params.keySet());
      if (!extra.isEmpty()) {
        throw new InvalidFileException(weightsFile, "holds tensors this model does not have: "
            + String.join(", ", extra.stream().limit(5).toList()) + (extra.size() > 5 ? ", ..." : ""));
      }
      for (Map.Entry<String, Parameter> e : params.entrySet()) {
        reader.readInto(e.getKey(), e.getValue().value());
      }
    } catch (IOException | RuntimeException e) {
      model.release();
      throw e;
    }
    return model;
  }

  static String configJson(ModelConfig config) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("model", config);
    return JSON.writeValueAsString(root) + "\n";
  }

  static ModelConfig parseConfig(Path file, String json) throws InvalidFileException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new InvalidFileException(file, "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new InvalidFileException(file, "not a Mainspring model file (\"format\" must be \"" + FORMAT + "\")");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new InvalidFileException(file, "model format version " + root.path("version")
          + " is not supported (this build reads " + VERSION + ")");
    }
    try {
      return JSON.treeToValue(root.path("model"), ModelConfig.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidFileException(file, "bad \"model\" configuration: " + e.getMessage(), e);
    }
  }
}
