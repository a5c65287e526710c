package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.ThreadingParents;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device threading kernels: the I32-target one against ThreadingArgBuilder.parents site by site,
 * the one-hot one ({@link ThreadingParents} on the cuda backend) against the CPU op; skipped without
 * a GPU.
 */
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

  /** hard [B, S, n, n] one-hot (junk at j ≥ i and in row 0), times [B, n, S] with ties, mask [B, S]. */
  private record OneHot(int b, int n, int s, float[] hard, float[] times, float[] mask) {
    static OneHot random(int b, int n, int s, long seed, double padFraction) {
      SplittableRandom rng = new SplittableRandom(seed);
      float[] hard = new float[b * s * n * n];
      float[] times = new float[b * n * s];
      float[] mask = new float[b * s];
      for (int e = 0; e < b; e++) {
        for (int l = 0; l < s; l++) {
          boolean pad = rng.nextDouble() < padFraction;
          mask[e * s + l] = pad ? 0 : 1;
          for (int i = 0; i < n; i++) {
            int row = ((e * s + l) * n + i) * n;
            for (int j = i; j < n; j++) {
              hard[row + j] = rng.nextInt(3) == 0 ? 1f : 0f;
            }
            if (i > 0 && !pad) {
              hard[row + rng.nextInt(i)] = 1f;
            }
            // Few distinct values (ties); padding holds invalid times that must not be read.
            times[(e * n + i) * s + l] = pad || i == 0 ? Float.NaN : 0.5f * (1 + rng.nextInt(3));
          }
        }
      }
      return new OneHot(b, n, s, hard, times, mask);
    }

    int[] parents(Backend backend, boolean withMask) {
      try (Scope scope = Scope.open()) {
        Tensor m = withMask ? Tensor.of(backend, mask, b, s) : null;
        return ThreadingParents.apply(Tensor.of(backend, hard, b, s, n, n), Tensor.of(backend, times, b, n, s), m)
            .toIntArray();
      }
    }
  }

  @Test
  void oneHotParentsMatchTheCpuOpWithTiesAndPadding() {
    Backend gpu = GpuCompare.gpu();
    long seed = 40;
    for (int n : new int[] {2, 5, 17}) {
      OneHot in = OneHot.random(3, n, 29, seed++, 0.25);
      int[] cpu = in.parents(Backends.cpu(), true);
      assertArrayEquals(cpu, in.parents(gpu, true), "n = " + n);
      // Padded sites come back all −1.
      int nodes = 2 * n - 1;
      for (int q = 0; q < in.b() * in.s(); q++) {
        if (in.mask()[q] == 0) {
          for (int v = 0; v < nodes; v++) {
            assertTrue(cpu[q * nodes + v] == -1, "padded site " + q);
          }
        }
      }
    }
    OneHot full = OneHot.random(2, 6, 13, 99, 0.0);
    assertArrayEquals(full.parents(Backends.cpu(), false), full.parents(gpu, false), "no mask");
  }

  @Test
  void aOneHotRowWithoutATargetIsReported() {
    OneHot in = OneHot.random(1, 4, 3, 7, 0.0);
    int row = ((0 * 3 + 2) * 4 + 3) * 4;
    java.util.Arrays.fill(in.hard(), row, row + 3, 0f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.parents(GpuCompare.gpu(), true));
    assertTrue(e.getMessage().contains("at site 2 (flat b·S + l), sample 3 has no hard target"), e.getMessage());
  }

  @Test
  void aBadJoinTimeIsReportedByTheOneHotKernel() {
    OneHot in = OneHot.random(1, 4, 3, 8, 0.0);
    in.times()[(0 * 4 + 1) * 3 + 0] = 0f;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> in.parents(GpuCompare.gpu(), true));
    assertTrue(e.getMessage().contains("at site 0 (flat b·S + l), sample 1 has a join time that is not positive"),
        e.getMessage());
  }
}
