package dev.mainspring.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {
  @Test
  void writesJsonMarkdownAndPngs() throws IOException {
    DiagnosticsReport d = Diagnostics.compute(List.of(DiagnosticsTest.example()),
        List.of(DiagnosticsTest.prediction(DiagnosticsTest.PREDICTED, DiagnosticsTest.TRUE_TIMES)), 0, 7);
    SbcRanks sbc = new SbcRanks(Evaluation.SBC_GRID, 4);
    double[][] draws = new double[4][32];
    sbc.add(DiagnosticsTest.example().logNeGrid, draws);
    Evaluation.Result r = new Evaluation.Result(d, sbc, 2, ModelConfig.preset("smoke"),
        new Evaluation.Options(CurriculumPhase.PHASE3, 3, 5, 2, 10, 4), 1.5);
    Map<String, byte[]> files = EvaluationReport.files(r, Map.of("checkpoint", "/x"));
    assertEquals(List.of("report.json", "report.md", "calibration.png", "ne_rmse.png", "sbc.png", "sfs_residual.png"),
        List.copyOf(files.keySet()));
    for (String png : List.of("calibration.png", "ne_rmse.png", "sbc.png", "sfs_residual.png")) {
      byte[] b = files.get(png);
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(b, 4), png);
    }
    JsonNode j = new ObjectMapper().readTree(files.get("report.json"));
    assertEquals(0.5, j.get("ne_rmse").asDouble(), 1e-12);
    assertEquals(5.0 / 6, j.get("target_acc").asDouble(), 1e-12);
    assertEquals(2, j.get("without_sites").asInt());
    assertEquals("smoke", j.get("model").get("preset").asText());
    // Truth 4..5 above all-zero draws: every rank is L = 4, the last of 5 bins.
    assertEquals("[0,0,0,0,1]", j.get("sbc").get("times").get(0).get("binned").toString());
    String md = new String(files.get("report.md"), StandardCharsets.UTF_8);
    assertTrue(md.contains("| N_e log10 RMSE | 0.5000 |"), md);
    assertTrue(md.contains("| [1e3, 1e4) | 3 | 0.3333 | 0.6667 | 0.6667 | 0.6667 |"), md);
  }

  @Test
  void chiSquareQuantileApproximation() {
    // Table values: df 4 → 13.28, df 19 → 36.19.
    assertEquals(13.28, EvaluationReport.chiSquare99(4), 0.1);
    assertEquals(36.19, EvaluationReport.chiSquare99(19), 0.1);
  }
}
