package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.GpuCompare.compare;
import static dev.mainspring.backend.cuda.GpuCompare.numel;
import static dev.mainspring.backend.cuda.GpuCompare.uniform;

import dev.mainspring.backend.cuda.GpuCompare.In;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.SampleAttention;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fused attention kernels on CUDA against the CPU backend: values, q/k/v gradients and the
 * distance-bias gradient, with padded sites, odd sizes and a causal mask. Float accumulation over up to
 * 2w+1 keys in another order than the CPU: 1e-4 for values and gradients (relative, absolute near
 * 0). Skipped without a GPU.
 */
class CudaAttentionTest {
  private static String skip;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNot();
  }

  @BeforeEach
  void requireGpu() {
    GpuCompare.skipUnless(skip);
  }

  private static float[] positions(long seed, int batch, int sites) {
    float[] u = uniform(seed, batch * sites, 0.01, 0.3);
    float[] p = new float[u.length];
    for (int b = 0; b < batch; b++) {
      float acc = 0;
      for (int l = 0; l < sites; l++) {
        acc += u[b * sites + l];
        p[b * sites + l] = acc;
      }
    }
    return p;
  }

  /** Sites from {@code valid[b]} on are padding. */
  private static float[] siteMask(int batch, int sites, int... valid) {
    float[] m = new float[batch * sites];
    for (int b = 0; b < batch; b++) {
      for (int l = 0; l < valid[b]; l++) {
        m[b * sites + l] = 1f;
      }
    }
    return m;
  }

  @Test
  void bandAttentionWithPaddingAndDistanceBias() {
    int batch = 2;
    int n = 3;
    int sites = 45;
    int d = 12;
    int[] s = {batch, n, sites, d};
    In q = In.data(uniform(1, numel(s), -1, 1), s);
    In k = In.data(uniform(2, numel(s), -1, 1), s);
    In v = In.data(uniform(3, numel(s), -1, 1), s);
    In pos = In.constant(positions(4, batch, sites), batch, sites);
    In a = In.data(new float[] {-0.5f, 0.3f, 1.2f}, 3);
    In mask = In.constant(siteMask(batch, sites, 45, 31), batch, sites);
    for (int window : new int[] {0, 4, 50}) {
      compare("band attention w=" + window, 1e-3, true,
          t -> BandAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), t.get(5), 3, window),
          q, k, v, pos, a, mask);
    }
    compare("band attention, no mask", 1e-4, true,
        t -> BandAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), null, 3, 7),
        q, k, v, pos, a);
  }

  @Test
  void bandAttentionAtTheModelsHeadWidth() {
    int[] s = {1, 2, 70, 64};
    In q = In.data(uniform(5, numel(s), -1, 1), s);
    In k = In.data(uniform(6, numel(s), -1, 1), s);
    In v = In.data(uniform(7, numel(s), -1, 1), s);
    In pos = In.constant(positions(8, 1, 70), 1, 70);
    In a = In.data(new float[] {0f, -1f, 2f, 0.5f}, 4);
    compare("band attention d=64 heads=4", 1e-4, true,
        t -> BandAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), null, 4, 16),
        q, k, v, pos, a);
    // The other fixed-width builds: heads of 32 and 64 features.
    In a2 = In.data(new float[] {0.7f, -0.2f}, 2);
    compare("band attention d=64 heads=2", 1e-4, true,
        t -> BandAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), null, 2, 9),
        q, k, v, pos, a2);
    In a1 = In.data(new float[] {0.1f}, 1);
    compare("band attention d=64 heads=1", 1e-4, true,
        t -> BandAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), null, 1, 9),
        q, k, v, pos, a1);
  }

  @Test
  void theUntiledBandKernelsAgreeToo() {
    CudaBackend gpu = (CudaBackend) GpuCompare.gpu();
    gpu.register(BandAttention.Kernels.class, new AttentionCuda(gpu.launcher(), false));
    try {
      bandAttentionAtTheModelsHeadWidth();
    } finally {
      gpu.register(BandAttention.Kernels.class, new AttentionCuda(gpu.launcher(), AttentionCuda.TILED));
    }
  }

  @Test
  void aBandWiderThanSharedMemoryFallsBackToTheUntiledKernels() {
    int[] s = {1, 2, 400, 32};
    In q = In.data(uniform(15, numel(s), -1, 1), s);
    In k = In.data(uniform(16, numel(s), -1, 1), s);
    In v = In.data(uniform(17, numel(s), -1, 1), s);
    In pos = In.constant(positions(18, 1, 400), 1, 400);
    In a = In.data(new float[] {0.2f, -0.4f}, 2);
    compare("band attention w=300", 1e-4, true,
        t -> BandAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), t.get(4), null, 2, 300),
        q, k, v, pos, a);
  }

  @Test
  void sampleAttentionAtFixedHeadWidths() {
    int[] s = {1, 9, 4, 64};
    In q = In.data(uniform(12, numel(s), -1, 1), s);
    In k = In.data(uniform(13, numel(s), -1, 1), s);
    In v = In.data(uniform(14, numel(s), -1, 1), s);
    for (int heads : new int[] {1, 2, 4}) {
      compare("sample attention d=64 heads=" + heads, 1e-3, true,
          t -> SampleAttention.apply(t.get(0), t.get(1), t.get(2), null, heads, true), q, k, v);
    }
  }

  @Test
  void sampleAttentionPlainAndCausalWithPaddedSites() {
    int batch = 2;
    int n = 7;
    int sites = 5;
    int d = 8;
    int[] s = {batch, n, sites, d};
    In q = In.data(uniform(9, numel(s), -1, 1), s);
    In k = In.data(uniform(10, numel(s), -1, 1), s);
    In v = In.data(uniform(11, numel(s), -1, 1), s);
    In mask = In.constant(siteMask(batch, sites, 5, 3), batch, sites);
    for (boolean causal : new boolean[] {false, true}) {
      compare("sample attention causal=" + causal, 1e-3, true,
          t -> SampleAttention.apply(t.get(0), t.get(1), t.get(2), t.get(3), 2, causal), q, k, v, mask);
    }
    compare("sample attention, no mask", 1e-4, true,
        t -> SampleAttention.apply(t.get(0), t.get(1), t.get(2), null, 1, false), q, k, v);
  }
}
