package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.data.Observation;
import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The predicted ARG merges each run of a sample's join into one node (MODEL.md, "Building the ARG"). */
class PredictedArgTest {
  private static final int N = 4;
  private static final int S = 6;

  private static Prediction prediction(float[] breakpointProb) {
    int[] target = new int[N * S];
    float[] time = new float[N * S];
    for (int i = 1; i < N; i++) {
      for (int l = 0; l < S; l++) {
        target[i * S + l] = i - 1;
        // A different point estimate at every site: only run merging can share a node across sites.
        time[i * S + l] = i + 0.01f * l;
      }
    }
    double[] grid = {10, 100};
    double[] ne = {4, 4};
    return new Prediction(N, S, target, new float[N * S], new float[N * S], 1.0, time, breakpointProb,
        new double[N - 1], grid, ne, ne, ne);
  }

  private static Observation observation() {
    byte[] g = new byte[N * S];
    for (int l = 0; l < S; l++) {
      g[(l % N) * S + l] = 1;
    }
    double[] positions = {5, 15, 25, 35, 45, 55};
    return new Observation(N, S, g, positions, 60, 1e-8, 1e-8);
  }

  @Test
  void aRunWithoutSwitchesIsOneJoinNodePerSample() {
    TreeSequence ts = PredictedArg.build(prediction(new float[N * S]), observation());
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    assertEquals(N + (N - 1), ts.numNodes(), "samples plus one join node each");
    assertEquals(1, ts.numTrees());
    int[][] g = Genotypes.matrix(ts);
    for (int i = 0; i < N; i++) {
      for (int l = 0; l < S; l++) {
        assertEquals(observation().genotypes()[i * S + l], g[i][l]);
      }
    }
  }

  @Test
  void aBreakpointStartsANewJoinNode() {
    float[] b = new float[N * S];
    b[2 * S + 3] = 0.9f; // sample 2 switches at site 3
    TreeSequence ts = PredictedArg.build(prediction(b), observation());
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    assertEquals(N + (N - 1) + 1, ts.numNodes());
  }
}
