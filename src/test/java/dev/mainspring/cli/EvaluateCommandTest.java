package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate end to end on untrained smoke weights: the report's files and keys; bad options. */
class EvaluateCommandTest {
  @TempDir Path dir;

  @Test
  void writesReportAndPlots() throws IOException {
    Path model = SmokeModelDir.save(dir.resolve("model"), 5);
    Path out = dir.resolve("eval");
    CliRun r = CliRun.run("evaluate", "--checkpoint", model.toString(), "--n", "8",
        "--out", out.toString(), "--sbc-draws", "4", "--posterior-samples", "20", "--batch", "4", "--no-progress");
    assertEquals(0, r.code(), r.err());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of("calibration.png", "ne_rmse.png", "report.json", "report.md", "sbc.png", "sfs_residual.png"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    JsonNode j = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    for (String key : List.of("ne_rmse", "ne_rmse_watterson", "target_acc", "target_acc_hamming", "coverage90",
        "coverage90_by_bin", "rf_distance", "sfs_residual", "sbc")) {
      assertTrue(j.has(key), key);
    }
    int used = j.get("count").asInt();
    assertEquals(8, used + j.get("without_sites").asInt());
    long ranked = 0;
    for (JsonNode c : j.get("sbc").get("times").get(0).get("rank_counts")) {
      ranked += c.asLong();
    }
    assertEquals(used, ranked);
    double acc = j.get("target_acc").asDouble();
    assertTrue(acc > 0 && acc <= 1, "accuracy " + acc);
  }

  @Test
  void badPriorIsAClearError() {
    CliRun r = CliRun.run("evaluate", "--checkpoint", dir.toString(), "--prior", "phase9",
        "--out", dir.resolve("e").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--prior"), r.err());
  }
}
