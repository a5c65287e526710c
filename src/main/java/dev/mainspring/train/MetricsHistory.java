package dev.mainspring.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's metrics read back from its metrics.csv and metrics.jsonl (so plots of a resumed run show
 * the whole run): per-step columns by CSV header name, and the validation objects in order.
 */
public record MetricsHistory(Map<String, double[]> steps, List<JsonNode> evaluations) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static MetricsHistory read(Path runDir) throws IOException {
    List<String> lines = Files.readAllLines(runDir.resolve(MetricsLog.CSV), StandardCharsets.UTF_8);
    String[] header = lines.get(0).split(",", -1);
    int rows = lines.size() - 1;
    Map<String, double[]> cols = new HashMap<>();
    for (String h : header) {
      cols.put(h, new double[rows]);
    }
    for (int r = 0; r < rows; r++) {
      String[] cells = lines.get(r + 1).split(",", -1);
      for (int c = 0; c < header.length; c++) {
        String v = c < cells.length ? cells[c] : "";
        cols.get(header[c])[r] = v.isEmpty() ? Double.NaN : Double.parseDouble(v);
      }
    }
    List<JsonNode> evals = new ArrayList<>();
    Path jsonl = runDir.resolve(MetricsLog.JSONL);
    if (Files.exists(jsonl)) {
      for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          evals.add(JSON.readTree(line));
        }
      }
    }
    return new MetricsHistory(cols, evals);
  }

  /** A per-step column ("loss", "tau", ...). */
  public double[] column(String name) {
    double[] c = steps.get(name);
    if (c == null) {
      throw new IllegalArgumentException("metrics.csv has no column '" + name + "'");
    }
    return c;
  }

  /** A numeric field of every validation (NaN where null or absent). */
  public double[] evaluationField(String key) {
    double[] out = new double[evaluations.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode v = evaluations.get(i).get(key);
      out[i] = v == null || v.isNull() ? Double.NaN : v.asDouble();
    }
    return out;
  }
}
