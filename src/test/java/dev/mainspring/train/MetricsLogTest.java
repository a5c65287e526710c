package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv and metrics.jsonl: columns, the JSON keys, undefined values, resume truncation. */
class MetricsLogTest {
  @TempDir Path dir;

  static StepMetrics step(long t) {
    return new StepMetrics(t, 1 + (int) (t / 10), 5.0 - t * 0.1, 3e-4, new LossValues(2.0 - t * 0.01, 1, 0.5, 0.3,
        0.2, 1.5), 0.9, 4.0, 0.25 * t, 250);
  }

  static ValidationMetrics eval(double rmse) {
    return new ValidationMetrics(64, new LossValues(1.5, 0.8, 0.4, 0.2, 0.1, 1.2), rmse, 0.84, 0.7, 0.67, 0.91,
        new double[] {0.95, 0.9, Double.NaN, 0.67}, List.of("[0,1e2)", "[1e2,1e3)", "[1e3,1e4)", "[1e4,1e5)"), 0.3,
        new double[] {0.1, -0.2}, List.of());
  }

  private static void log(MetricsLog m, long from, long to) {
    for (long t = from; t < to; t++) {
      StepMetrics s = step(t);
      m.step(s, null);
      if ((t + 1) % 5 == 0) {
        m.evaluation(s, eval(0.8 - t * 0.001), Map.of(StoppingRules.PLATEAU, false), 1.5);
      }
    }
  }

  @Test
  void writesOneCsvRowPerStepAndOneJsonObjectPerValidation() throws Exception {
    try (MetricsLog m = MetricsLog.open(dir, 0)) {
      log(m, 0, 10);
    }
    List<String> csv = Files.readAllLines(dir.resolve(MetricsLog.CSV), StandardCharsets.UTF_8);
    assertEquals(MetricsLog.HEADER, csv.get(0));
    assertEquals(11, csv.size());
    assertTrue(csv.get(1).startsWith("0,1,5.00000,0.000300000,2.00000,"), csv.get(1));
    List<String> lines = Files.readAllLines(dir.resolve(MetricsLog.JSONL), StandardCharsets.UTF_8);
    assertEquals(2, lines.size());
    JsonNode o = new ObjectMapper().readTree(lines.get(1));
    for (String key : new String[] {"ne_rmse", "ne_rmse_watterson", "target_acc", "target_acc_hamming", "coverage90",
        "coverage90_by_bin", "step", "phase", "loss", "topo", "time", "sfs", "demo", "tau", "lr", "examples_per_s",
        "queue_wait_ms", "entropy", "rf"}) {
      assertTrue(o.has(key), key + " in " + o);
    }
    assertEquals(9, o.get("step").asLong());
    assertEquals(0.84, o.get("ne_rmse_watterson").asDouble());
    assertEquals(4, o.get("coverage90_by_bin").size());
    assertTrue(o.get("coverage90_by_bin").get(2).isNull(), "an empty bin is null, not NaN");
    // Mean queue wait of steps 5..9 (0.25 ms per step index).
    assertEquals(0.25 * (5 + 6 + 7 + 8 + 9) / 5, o.get("queue_wait_ms").asDouble(), 1e-12);
  }

  @Test
  void resumingDropsTheRowsOfStepsFromTheResumePointOn() throws Exception {
    try (MetricsLog m = MetricsLog.open(dir, 0)) {
      log(m, 0, 10);
    }
    String fullCsv;
    String fullJson;
    try (MetricsLog m = MetricsLog.open(dir.resolve("."), 0)) {
      log(m, 0, 10);
    }
    fullCsv = Files.readString(dir.resolve(MetricsLog.CSV));
    fullJson = Files.readString(dir.resolve(MetricsLog.JSONL));
    // A run killed after step 7 whose last checkpoint was at 5 steps: rows 5..7 are written again.
    Path other = Files.createDirectory(dir.resolve("b"));
    try (MetricsLog m = MetricsLog.open(other, 0)) {
      log(m, 0, 8);
    }
    try (MetricsLog m = MetricsLog.open(other, 5)) {
      log(m, 5, 10);
    }
    assertEquals(fullCsv, Files.readString(other.resolve(MetricsLog.CSV)));
    assertEquals(fullJson, Files.readString(other.resolve(MetricsLog.JSONL)));
  }

  @Test
  void historyReadsBackWhatWasLogged() throws Exception {
    try (MetricsLog m = MetricsLog.open(dir, 0)) {
      log(m, 0, 10);
    }
    MetricsHistory h = MetricsHistory.read(dir);
    assertEquals(10, h.column("step").length);
    assertEquals(9.0, h.column("step")[9]);
    assertTrue(Double.isNaN(h.column("ne_rmse")[0]), "validation columns are empty on other steps");
    assertEquals(2, h.evaluations().size());
    assertEquals(0.8 - 9 * 0.001, h.evaluationField("ne_rmse")[1], 1e-12);
  }
}
