package dev.mainspring.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.model.Batch;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.Prediction;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** evaluate's pipeline with a stand-in predictor whose answers are known. */
class EvaluationTest {
  static final ModelConfig CONFIG = new ModelConfig("test", 6, 2e4, 1.25e-8, 1e-8, 30, 16, 2, 1, 8, 1, 2, 32, 32);

  /** Targets 0, Gamma(1, 1) times, N_e median 0. */
  static List<Prediction> standIn(Batch batch, int samples, long seed, List<long[]> calls) {
    calls.add(new long[] {batch.size(), samples, seed});
    List<Prediction> out = new ArrayList<>();
    for (var o : batch.observations()) {
      int n = o.n();
      int s = o.S();
      int[] t = new int[n * s];
      float[] ones = new float[n * s];
      float[] time = new float[n * s];
      java.util.Arrays.fill(ones, 1f);
      for (int l = 0; l < s; l++) {
        t[l] = -1;
        for (int i = 1; i < n; i++) {
          time[i * s + l] = (float) o.timeScale() * i;
        }
      }
      double[] grid = new double[32];
      double[] med = new double[32];
      out.add(new Prediction(n, s, t, ones, ones, o.timeScale(), time, new float[n * s], new double[n - 1], grid,
          med, med, med));
    }
    return out;
  }

  @Test
  void simulatesPredictsInBatchesAndRanksDraws() {
    List<long[]> calls = new ArrayList<>();
    List<Integer> progress = new ArrayList<>();
    List<Long> drawSeeds = new ArrayList<>();
    Evaluation.DrawSampler sampler = (b, draws, seed) -> {
      drawSeeds.add(seed);
      List<double[][]> out = new ArrayList<>();
      for (int e = 0; e < b.size(); e++) {
        double[][] d = new double[draws][32];
        for (double[] row : d) {
          java.util.Arrays.fill(row, 10); // above every true log10 N_e
        }
        out.add(d);
      }
      return out;
    };
    Evaluation.Result r = Evaluation.run((b, samples, seed) -> standIn(b, samples, seed, calls), sampler, CONFIG,
        new Evaluation.Options(CurriculumPhase.PHASE3, 7, 3, 4, 50, 3), progress::add);
    int used = r.diagnostics().count();
    assertEquals(7, used + r.withoutSites());
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), progress);
    // Per batch: one summary call with 50 samples and one draw call, each with its own seed.
    assertTrue(calls.stream().allMatch(c -> c[1] == 50 && c[0] <= 4));
    assertEquals(used, calls.stream().mapToLong(c -> c[0]).sum());
    assertEquals(calls.size(), drawSeeds.size());
    assertEquals(drawSeeds.size(), drawSeeds.stream().distinct().count());
    // Every draw (10) is above every true log10 N_e, so every rank is 0.
    for (long[] counts : r.sbc().rankCounts()) {
      assertEquals(used, counts[0]);
    }
    // The summary median is 0: the RMSE is the root mean square of the truth itself.
    assertTrue(r.diagnostics().neRmse() > 2, "log10 N_e is around 4: " + r.diagnostics().neRmse());
    assertEquals(Evaluation.SBC_GRID.length, r.sbc().gridIndex().length);
  }

  @Test
  void theModelsOnePassRunEqualsPredictThenDraws() throws Exception {
    // evaluate runs the model through predictWithDraws (one forward pass per batch); the two-call
    // path with the same seeds must give the same report and SBC ranks.
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel m = new MainspringModel(c, 5);
    try {
      Evaluation.Options o = new Evaluation.Options(CurriculumPhase.PHASE3, 5, 21, 2, 40, 7);
      Evaluation.Result onePass = Evaluation.run(m, o, i -> {});
      Evaluation.Result twoCalls = Evaluation.run(m::predict, m::posteriorDraws, c, o, i -> {});
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      assertEquals(json.writeValueAsString(twoCalls.diagnostics().metrics()),
          json.writeValueAsString(onePass.diagnostics().metrics()));
      assertArrayEquals(twoCalls.diagnostics().neRmsePerTime(), onePass.diagnostics().neRmsePerTime());
      assertArrayEquals(twoCalls.diagnostics().coverage(), onePass.diagnostics().coverage());
      assertArrayEquals(twoCalls.diagnostics().sfsResidual(), onePass.diagnostics().sfsResidual());
      assertTrue(onePass.sbc().examples() > 0, "SBC ranked some examples");
      assertEquals(twoCalls.sbc().examples(), onePass.sbc().examples());
      assertArrayEquals(twoCalls.sbc().rankCounts(), onePass.sbc().rankCounts());
    } finally {
      m.release();
    }
  }
}
