package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.GpuCompare.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The optimiser kernels against a float-by-float transcription of the CPU's AdamW F32 loop (bit for
 * bit: no FMA contraction) and a double sum of squares; skipped without a GPU.
 */
class CudaOptimizerTest {
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
  void adamwStepMatchesTheCpuFloatForFloat() {
    int n = 5003;
    float[] p = uniform(1, n, -1, 1);
    float[] g = uniform(2, n, -1, 1);
    float[] m = uniform(3, n, -0.1, 0.1);
    float[] v = uniform(4, n, 0, 0.01);
    double lr = 1e-3;
    double wd = 0.01;
    double b1 = 0.9;
    double b2 = 0.999;
    double eps = 1e-8;
    double stepSize = lr / (1 - Math.pow(b1, 3));
    double sqrtBc2 = Math.sqrt(1 - Math.pow(b2, 3));
    CudaBackend gpu = (CudaBackend) GpuCompare.gpu();
    try (Scope s = Scope.open()) {
      Tensor tp = Tensor.of(gpu, p, n);
      Tensor tg = Tensor.of(gpu, g, n);
      Tensor tm = Tensor.of(gpu, m, n);
      Tensor tv = Tensor.of(gpu, v, n);
      new OptimizerCuda(gpu).adamwStep(tp, tg, tm, tv, lr, wd, b1, b2, eps, stepSize, sqrtBc2);
      // AdamWCpu's F32 loop, transcribed.
      float decay = (float) (1 - lr * wd);
      float fb2 = (float) b2;
      float c1 = (float) (1 - b1);
      float c2 = (float) (1 - b2);
      float step = (float) stepSize;
      float bc = (float) sqrtBc2;
      float e = (float) eps;
      float[] ep = new float[n];
      float[] em = new float[n];
      float[] ev = new float[n];
      for (int i = 0; i < n; i++) {
        float mi = m[i] + c1 * (g[i] - m[i]);
        float vi = fb2 * v[i] + c2 * g[i] * g[i];
        float pi = p[i] * decay;
        pi -= step * mi / ((float) Math.sqrt(vi) / bc + e);
        ep[i] = pi;
        em[i] = mi;
        ev[i] = vi;
      }
      assertArrayEquals(em, tm.toFloatArray());
      assertArrayEquals(ev, tv.toFloatArray());
      assertArrayEquals(ep, tp.toFloatArray());
    }
  }

  @Test
  void sumOfSquaresAndScale() {
    int n = 70_001; // several chunks
    float[] g = uniform(5, n, -2, 2);
    double expected = 0;
    for (float x : g) {
      expected += (double) x * x;
    }
    CudaBackend gpu = (CudaBackend) GpuCompare.gpu();
    OptimizerCuda opt = new OptimizerCuda(gpu);
    try (Scope s = Scope.open()) {
      Tensor t = Tensor.of(gpu, g, n);
      assertEquals(expected, opt.sumOfSquares(t), 1e-9 * expected);
      opt.scale(t, 0.37);
      float[] got = t.toFloatArray();
      for (int i = 0; i < n; i += 997) {
        assertEquals((float) (g[i] * 0.37), got[i], 0f);
      }
    }
  }

  @Test
  void sumOfSquaresOverManyTensorsReadsTheHostOnce() {
    // Sizes around the 16384-element chunk, and an empty tensor, which contributes no chunk.
    int[] sizes = {1, 16384, 16385, 0, 40000, 7};
    CudaBackend gpu = (CudaBackend) GpuCompare.gpu();
    try (Scope s = Scope.open()) {
      java.util.List<Tensor> gs = new java.util.ArrayList<>();
      double expected = 0;
      for (int k = 0; k < sizes.length; k++) {
        float[] v = uniform(10 + k, sizes[k], -2, 2);
        for (float x : v) {
          expected += (double) x * x;
        }
        gs.add(Tensor.of(gpu, v, sizes[k]));
      }
      long before = gpu.hostReads();
      double got = new OptimizerCuda(gpu).sumOfSquares(gs);
      assertEquals(1, gpu.hostReads() - before, "host reads");
      assertEquals(expected, got, 1e-12 * expected);
      assertEquals(0.0, new OptimizerCuda(gpu).sumOfSquares(java.util.List.of()));
    }
  }
}
