package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device threading kernel against ThreadingArgBuilder.parents, site by site; skipped without a GPU. */
class CudaThreadingTest {
  private static String skip;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNot();
  }

  @BeforeEach
  void requireGpu() {
    GpuCompare.skipUnless(skip);
  }

  @Test
  void parentsMatchTheCpuBuilderIncludingTiedTimes() {
    int batch = 2;
    int n = 11;
    int sites = 23;
    SplittableRandom rng = new SplittableRandom(5);
    int[] targets = new int[batch * n * sites];
    float[] times = new float[batch * n * sites];
    for (int b = 0; b < batch; b++) {
      for (int i = 1; i < n; i++) {
        for (int l = 0; l < sites; l++) {
          int e = (b * n + i) * sites + l;
          targets[e] = rng.nextInt(i);
          // Few distinct values, so ties between join times are common.
          times[e] = 0.25f * (1 + rng.nextInt(4));
        }
      }
    }
    try (Scope s = Scope.open()) {
      var gpu = GpuCompare.gpu();
      int[] got = ThreadingCuda.parents(Tensor.of(gpu, targets, batch, n, sites),
          Tensor.of(gpu, times, batch, n, sites)).toIntArray();
      for (int b = 0; b < batch; b++) {
        for (int l = 0; l < sites; l++) {
          int[] tg = new int[n];
          float[] tm = new float[n];
          for (int i = 0; i < n; i++) {
            tg[i] = targets[(b * n + i) * sites + l];
            tm[i] = times[(b * n + i) * sites + l];
          }
          int[] expected = ThreadingArgBuilder.parents(tg, tm);
          int[] row = java.util.Arrays.copyOfRange(got, (b * sites + l) * (2 * n - 1), (b * sites + l + 1) * (2 * n - 1));
          assertArrayEquals(expected, row, "site (" + b + ", " + l + ")");
        }
      }
    }
  }

  @Test
  void anInvalidTargetIsReported() {
    int[] targets = {0, 0, 2};
    float[] times = {0f, 1f, 2f};
    try (Scope s = Scope.open()) {
      var gpu = GpuCompare.gpu();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThreadingCuda.parents(
          Tensor.of(gpu, targets, 1, 3, 1), Tensor.of(gpu, times, 1, 3, 1)).toIntArray());
      assertTrue(e.getMessage().contains("sample 2 has a target outside [0, 2)"), e.getMessage());
    }
  }
}
