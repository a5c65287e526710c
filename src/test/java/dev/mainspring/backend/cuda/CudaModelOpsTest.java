package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.GpuCompare.compare;
import static dev.mainspring.backend.cuda.GpuCompare.mask;
import static dev.mainspring.backend.cuda.GpuCompare.uniform;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.backend.cuda.GpuCompare.In;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;
import dev.mainspring.tensor.ops.SoftHistogram;
import dev.mainspring.tensor.ops.WindowedMismatch;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model's fused ops on CUDA against the CPU backend, values and gradients; skipped without a GPU. */
class CudaModelOpsTest {
  private static String skip;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNot();
  }

  @BeforeEach
  void requireGpu() {
    GpuCompare.skipUnless(skip);
  }

  /** Random coalescent-shaped trees per site: parents [B, S, 2n-1], times [B, n, S] increasing up the tree. */
  private static Object[] randomTrees(long seed, int batch, int n, int sites) {
    SplittableRandom rng = new SplittableRandom(seed);
    int nodes = 2 * n - 1;
    int[] parents = new int[batch * sites * nodes];
    float[] times = new float[batch * n * sites];
    for (int b = 0; b < batch; b++) {
      for (int l = 0; l < sites; l++) {
        int base = (b * sites + l) * nodes;
        int[] active = new int[n];
        for (int i = 0; i < n; i++) {
          active[i] = i;
        }
        int live = n;
        double t = 0;
        for (int u = n; u < nodes; u++) {
          int x = rng.nextInt(live);
          int c1 = active[x];
          active[x] = active[--live];
          int y = rng.nextInt(live);
          int c2 = active[y];
          active[y] = u;
          parents[base + c1] = u;
          parents[base + c2] = u;
          t += 0.05 + rng.nextDouble();
          times[(b * n + (u - n + 1)) * sites + l] = (float) t;
        }
        parents[base + nodes - 1] = -1;
      }
    }
    return new Object[] {parents, times};
  }

  @Test
  void differentiableSfsWithPaddedSites() {
    int batch = 3;
    int n = 9;
    int sites = 37;
    Object[] trees = randomTrees(1, batch, n, sites);
    float[] span = uniform(2, batch * sites, 0.5, 3);
    for (int l = 30; l < sites; l++) {
      span[2 * sites + l] = 0f; // example 2 padded from site 30
    }
    In parents = In.indices((int[]) trees[0], batch, sites, 2 * n - 1);
    In times = In.data((float[]) trees[1], batch, n, sites);
    In sp = In.constant(span, batch, sites);
    In mu = In.constant(new float[] {1e-3f, 2e-3f, 0.5f}, batch);
    compare("sfs", 1e-5, true, t -> DifferentiableSfs.apply(t.get(0), t.get(1), t.get(2), t.get(3)),
        parents, times, sp, mu);
  }

  @Test
  void aParentArrayThatIsNotATreeIsReported() {
    Object[] trees = randomTrees(3, 1, 4, 5);
    int[] parents = (int[]) trees[0];
    parents[2 * 7 + 6] = 5; // site 2: the root points into its own subtree, a cycle and no root
    try (Scope s = Scope.open()) {
      var gpu = GpuCompare.gpu();
      Tensor p = Tensor.of(gpu, parents, 1, 5, 7);
      Tensor t = Tensor.of(gpu, (float[]) trees[1], 1, 4, 5);
      Tensor span = Tensor.of(gpu, new float[] {1, 1, 1, 1, 1}, 1, 5);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> DifferentiableSfs.apply(p, t, span, 1.0).toFloatArray());
      assertTrue(e.getMessage().contains("parents[0, 2] is not a tree"), e.getMessage());
    }
  }

  @Test
  void affineCouplingForwardInverseAndLogdet() {
    int rows = 41;
    int cols = 7;
    In x = In.data(uniform(4, rows * cols, -2, 2), rows, cols);
    In shift = In.data(uniform(5, rows * cols, -1, 1), rows, cols);
    In raw = In.data(uniform(6, rows * cols, -4, 4), rows, cols);
    for (AffineCoupling.Direction dir : AffineCoupling.Direction.values()) {
      compare(dir + " out", 1e-5, true, t -> AffineCoupling.apply(dir, t.get(0), t.get(1), t.get(2)).out(),
          x, shift, raw);
      compare(dir + " logdet", 1e-5, true,
          t -> AffineCoupling.apply(dir, t.get(0), t.get(1), t.get(2)).logdet(), x, shift, raw);
    }
  }

  @Test
  void windowedMismatchCountsWithMaskedSites() {
    int batch = 2;
    int n = 7;
    int sites = 53;
    In d = In.constant(mask(7, batch * n * sites, 0.4), batch, n, sites);
    In m = In.constant(mask(8, batch * sites, 0.8), batch, sites);
    compare("mismatch", 0, false, t -> WindowedMismatch.apply(t.get(0), t.get(1), 5), d, m);
    compare("mismatch no mask", 0, false, t -> WindowedMismatch.apply(t.get(0), null, 60), d);
  }

  @Test
  void hammingCopyingBaselineTargetsWithTies() {
    int batch = 2;
    int n = 9;
    int sites = 61;
    // Sparse derived alleles: many rows identical over long stretches, so the tie rules decide.
    In d = In.constant(mask(11, batch * n * sites, 0.15), batch, n, sites);
    In m = In.constant(mask(12, batch * sites, 0.85), batch, sites);
    compare("copying targets", 0, false, t -> HammingCopyingBaseline.apply(t.get(0), t.get(1), 4), d, m);
    compare("copying targets, no mask", 0, false, t -> HammingCopyingBaseline.apply(t.get(0), null, 70), d);
  }

  @Test
  void softHistogramWithMask() {
    int batch = 3;
    int per = 517;
    In x = In.data(uniform(9, batch * per, -1, 11), batch, per);
    float[] mk = mask(10, batch * per, 0.7);
    java.util.Arrays.fill(mk, 2 * per, 3 * per, 0f); // example 2 entirely masked: mass 0
    In m = In.constant(mk, batch, per);
    compare("histogram", 1e-5, true, t -> SoftHistogram.apply(t.get(0), t.get(1), 0, 10, 13, 0.8), x, m);
    compare("histogram no mask", 1e-5, true, t -> SoftHistogram.apply(t.get(0), null, 0, 10, 13, 0.8), x);
  }
}
