package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.GpuCompare.compare;
import static dev.mainspring.backend.cuda.GpuCompare.ints;
import static dev.mainspring.backend.cuda.GpuCompare.mask;
import static dev.mainspring.backend.cuda.GpuCompare.numel;
import static dev.mainspring.backend.cuda.GpuCompare.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.backend.cuda.GpuCompare.In;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every generic CUDA kernel family against the CPU backend, values and gradients, on random inputs
 * with odd sizes and masked rows. Skipped (reported as such) without a usable GPU.
 */
class CudaKernelsTest {
  private static String skip;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNot();
  }

  @BeforeEach
  void requireGpu() {
    GpuCompare.skipUnless(skip);
  }

  // Tolerances: plain float arithmetic is exact on both (1e-6); transcendental functions in double on
  // both differ only in the last float bit (1e-5); float reductions in another order 1e-4.

  @Test
  void arithSameShapeBroadcastAndGeneralBroadcast() {
    int[] big = {3, 5, 7};
    In a = In.data(uniform(1, numel(big), -2, 2), big);
    In bias = In.data(uniform(2, 7, 0.5, 2), 7);
    In col = In.data(uniform(3, 15, 0.5, 2), 3, 5, 1);
    In mid = In.data(uniform(4, 21, 0.5, 2), 3, 1, 7);
    for (var op : List.<java.util.function.BinaryOperator<Tensor>>of(F::add, F::sub, F::mul, F::div)) {
      compare("same shape", 1e-5, true, t -> op.apply(t.get(0), F.affine(t.get(0), 0.5, 3)), a);
      compare("bias (suffix)", 1e-5, true, t -> op.apply(t.get(0), t.get(1)), a, bias);
      compare("column [3,5,1]", 1e-5, true, t -> op.apply(t.get(0), t.get(1)), a, col);
      compare("middle [3,1,7]", 1e-5, true, t -> op.apply(t.get(1), t.get(0)), a, mid);
    }
  }

  @Test
  void affineAndSumToOverManyRows() {
    // 1000 rows: the chunked leading-axes sum runs with several chunks.
    In x = In.data(uniform(5, 1000 * 33, -1, 1), 1000, 33);
    In b = In.data(uniform(6, 33, -1, 1), 33);
    compare("affine + bias", 1e-4, true, t -> F.add(F.affine(t.get(0), -1.5, 0.25), t.get(1)), x, b);
  }

  @ParameterizedTest
  @EnumSource(Elementwise.Fn.class)
  void everyElementwiseFunction(Elementwise.Fn fn) {
    int n = 1031;
    boolean positive = switch (fn) {
      case LOG, SQRT, LGAMMA, DIGAMMA -> true;
      default -> false;
    };
    float[] v = positive ? uniform(7, n, 0.05, 12) : uniform(7, n, -6, 6);
    if (fn == Elementwise.Fn.LOG1P) {
      v = uniform(7, n, -0.9, 6);
    }
    compare(fn.name(), 1e-5, true, t -> Elementwise.apply(fn, t.get(0)), In.data(v, 1031));
  }

  @Test
  void reductionsAlongEachAxis() {
    int[] s = {4, 37, 9};
    In x = In.data(uniform(8, numel(s), -3, 3), s);
    for (int axis = 0; axis < 3; axis++) {
      int ax = axis;
      compare("sum axis " + ax, 1e-5, true, t -> F.sum(t.get(0), ax, false), x);
      compare("mean axis " + ax, 1e-5, true, t -> F.mean(t.get(0), ax, true), x);
      compare("max axis " + ax, 1e-6, true, t -> F.max(t.get(0), ax, false), x);
    }
    compare("sumAll", 1e-5, true, t -> F.sumAll(t.get(0)), x);
  }

  @Test
  void matmulPlainBatchedAndTransposed() {
    // cuBLAS in fp32 accumulates in another order than the CPU's blocked GEMM.
    In a = In.data(uniform(9, 3 * 5 * 37, -1, 1), 3, 5, 37);
    In w = In.data(uniform(10, 37 * 19, -1, 1), 37, 19);
    compare("[3,5,37]·[37,19]", 1e-4, true, t -> F.matmul(t.get(0), t.get(1)), a, w);
    In q = In.data(uniform(11, 2 * 3 * 17 * 8, -1, 1), 2, 3, 17, 8);
    In k = In.data(uniform(12, 2 * 3 * 13 * 8, -1, 1), 2, 3, 13, 8);
    compare("batched q·kᵀ", 1e-4, true, t -> F.matmul(t.get(0), t.get(1), false, true), q, k);
    In at = In.data(uniform(13, 2 * 3 * 8 * 17, -1, 1), 2, 3, 8, 17);
    In b = In.data(uniform(14, 2 * 3 * 8 * 13, -1, 1), 2, 3, 8, 13);
    compare("batched aᵀ·b", 1e-4, true, t -> F.matmul(t.get(0), t.get(1), true, false), at, b);
  }

  @Test
  void tf32MatmulStaysWithinTf32Error() {
    CudaBackend gpu = (CudaBackend) GpuCompare.gpu();
    gpu.register(dev.mainspring.tensor.ops.MatMul.Kernels.class, new MatMulCuda(gpu, true));
    try {
      // TF32 keeps 10 mantissa bits of each input: a relative error of ~1e-3 per product term.
      In a = In.data(uniform(46, 33 * 64, -1, 1), 33, 64);
      In w = In.data(uniform(47, 64 * 20, -1, 1), 64, 20);
      compare("tf32 matmul", 2e-2, true, t -> F.matmul(t.get(0), t.get(1)), a, w);
    } finally {
      gpu.register(dev.mainspring.tensor.ops.MatMul.Kernels.class, new MatMulCuda(gpu, MatMulCuda.TF32));
    }
  }

  @Test
  void softmaxAndLogSoftmaxWithMasks() {
    int[] s = {2, 7, 301};
    In x = In.data(uniform(15, numel(s), -4, 4), s);
    float[] perEntry = mask(16, numel(s), 0.7);
    // Row 3 of the per-entry mask fully masked, and a per-row mask with masked rows.
    java.util.Arrays.fill(perEntry, 3 * 301, 4 * 301, 0f);
    In m = In.constant(perEntry, s);
    float[] rows = mask(17, 14, 0.6);
    rows[0] = 0f;
    In rm = In.constant(rows, 2, 7, 1);
    compare("softmax", 1e-5, true, t -> F.softmax(t.get(0)), x);
    compare("logSoftmax", 1e-4, true, t -> F.logSoftmax(t.get(0)), x);
    compare("softmax per-entry mask", 1e-5, true, t -> F.softmax(t.get(0), t.get(1)), x, m);
    compare("logSoftmax per-entry mask", 1e-4, true, t -> F.logSoftmax(t.get(0), t.get(1)), x, m);
    compare("softmax per-row mask", 1e-5, true, t -> F.softmax(t.get(0), t.get(1)), x, rm);
    compare("logSoftmax per-row mask", 1e-4, true, t -> F.logSoftmax(t.get(0), t.get(1)), x, rm);
    In shortRows = In.data(uniform(18, 5 * 3, -4, 4), 5, 3);
    compare("softmax short rows", 1e-5, true, t -> F.softmax(t.get(0)), shortRows);
  }

  @Test
  void layerNormValuesAndAllThreeGradients() {
    int rows = 301;
    int d = 67;
    In x = In.data(uniform(19, rows * d, -3, 3), rows, d);
    In gamma = In.data(uniform(20, d, 0.5, 1.5), d);
    In beta = In.data(uniform(21, d, -0.5, 0.5), d);
    compare("layerNorm", 1e-4, true, t -> F.layerNorm(t.get(0), t.get(1), t.get(2), 1e-5), x, gamma, beta);
  }

  @Test
  void indexSelectScatterAddGatherAndOneHot() {
    In x = In.data(uniform(22, 13 * 6, -1, 1), 13, 6);
    In idx = In.indices(ints(23, 41, 13), 41);
    compare("indexSelect", 0, true, t -> F.indexSelect(t.get(0), t.get(1)), x, idx);
    In src = In.data(uniform(24, 41 * 6, -1, 1), 41, 6);
    compare("scatterAdd", 1e-6, true, t -> F.scatterAdd(t.get(0), t.get(1), 13), src, idx);
    In wide = In.data(uniform(25, 11 * 9, -1, 1), 11, 9);
    In gidx = In.indices(ints(26, 11 * 5, 9), 11, 5);
    compare("gather", 1e-6, true, t -> F.gather(t.get(0), t.get(1)), wide, gidx);
    int[] oh = ints(27, 17, 5);
    oh[3] = -1;
    compare("oneHot", 0, false, t -> F.oneHot(t.get(0), 5, DType.F32), In.indices(oh, 17));
  }

  @Test
  void atomicScatterAddAgreesWithinRounding() {
    CudaBackend gpu = (CudaBackend) GpuCompare.gpu();
    IndexCuda atomic = new IndexCuda(gpu.launcher(), true);
    float[] src = uniform(44, 97 * 5, -1, 1);
    int[] idx = ints(45, 97, 11);
    try (Scope s = Scope.open()) {
      Tensor out = Tensor.empty(gpu, DType.F32, 11, 5);
      atomic.scatterAdd(Tensor.of(gpu, src, 97, 5), Tensor.of(gpu, idx, 97), 11, 5, out);
      float[] expected = F.scatterAdd(Tensor.of(dev.mainspring.tensor.Backends.cpu(), src, 97, 5),
          Tensor.of(dev.mainspring.tensor.Backends.cpu(), idx, 97), 11).toFloatArray();
      GpuCompare.assertClose("atomic scatterAdd", expected, out.toFloatArray(), 1e-5);
    }
  }

  @Test
  void anOutOfRangeIndexIsReportedWithItsPosition() {
    try (Scope s = Scope.open()) {
      Tensor x = Tensor.of(GpuCompare.gpu(), uniform(28, 12, -1, 1), 4, 3);
      Tensor idx = Tensor.of(GpuCompare.gpu(), new int[] {0, 3, 4, 1}, 4);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> F.indexSelect(x, idx).toFloatArray());
      assertTrue(e.getMessage().contains("index 4 at position 2"), e.getMessage());
      Tensor src = Tensor.of(GpuCompare.gpu(), uniform(29, 12, -1, 1), 4, 3);
      Tensor bad = Tensor.of(GpuCompare.gpu(), new int[] {0, -1, 2, 1}, 4);
      e = assertThrows(IllegalArgumentException.class, () -> F.scatterAdd(src, bad, 3).toFloatArray());
      assertTrue(e.getMessage().contains("index -1 at position 1"), e.getMessage());
      // The backend is usable afterwards: the error record was cleared.
      assertEquals(3f, F.indexSelect(x, Tensor.of(GpuCompare.gpu(), new int[] {1}, 1)).toFloatArray().length);
    }
  }

  @Test
  void sliceConcatAndPermute() {
    int[] s = {3, 10, 4, 5};
    In x = In.data(uniform(30, numel(s), -1, 1), s);
    compare("slice axis 1", 0, true, t -> F.slice(t.get(0), 1, 2, 9), x);
    compare("slice step 3", 0, true, t -> F.slice(t.get(0), 1, 1, 10, 3), x);
    compare("concat axis 2", 0, true, t -> F.concat(2, t.get(0), F.scale(t.get(0), 2)), x);
    compare("permute 0213", 0, true, t -> F.permute(t.get(0), 0, 2, 1, 3), x);
    compare("permute 3120", 0, true, t -> F.permute(t.get(0), 3, 1, 2, 0), x);
    compare("transpose last two", 0, true, t -> F.transpose(t.get(0), 2, 3), x);
  }

  @Test
  void whereClampMinimumMaximum() {
    int[] s = {5, 9, 7};
    In x = In.data(uniform(31, numel(s), -2, 2), s);
    In y = In.data(uniform(32, 9 * 7, -2, 2), 9, 7);
    In m = In.constant(mask(33, 5 * 9, 0.5), 5, 9, 1);
    compare("where", 0, true, t -> F.where(t.get(1), t.get(0), -7.5), x, m);
    compare("clamp", 0, true, t -> F.clamp(t.get(0), -0.5, 1.25), x);
    compare("maximum", 0, true, t -> F.maximum(t.get(0), t.get(1)), x, y);
    compare("minimum", 0, true, t -> F.minimum(t.get(1), t.get(0)), x, y);
  }

  @Test
  void dropoutDrawsTheSamePhiloxStreamAsTheCpu() {
    In x = In.data(uniform(34, 4099, -1, 1), 4099);
    compare("dropout", 0, true, t -> F.dropout(t.get(0), 0.3, 1234567890123L, 77, true), x);
  }

  @Test
  void bceAndGammaNllWithMasks() {
    int[] s = {6, 11};
    In z = In.data(uniform(35, 66, -5, 5), s);
    In y = In.data(uniform(36, 66, 0, 1), s);
    In m = In.constant(mask(37, 66, 0.7), s);
    compare("bce", 1e-5, true, t -> F.bceWithLogits(t.get(0), t.get(1), t.get(2)), z, y, m);
    compare("bce no mask", 1e-5, true, t -> F.bceWithLogits(t.get(0), t.get(1), null), z, y);
    In x = In.constant(uniform(38, 66, 0.01, 5), s);
    In alpha = In.data(uniform(39, 66, 0.2, 8), s);
    In beta = In.data(uniform(40, 66, 0.2, 8), s);
    In rows = In.constant(mask(41, 6, 0.6), 6, 1);
    compare("gammaNll", 1e-5, true, t -> F.gammaNll(t.get(0), t.get(1), t.get(2), t.get(3)), x, alpha, beta, rows);
  }

  @Test
  void gumbelSoftmaxSoftHardAndGradient() {
    int[] s = {4, 13, 9};
    In logits = In.data(uniform(42, numel(s), -3, 3), s);
    float[] mk = mask(43, numel(s), 0.7);
    java.util.Arrays.fill(mk, 9, 18, 0f); // a fully masked row
    In m = In.constant(mk, s);
    compare("gumbel soft", 1e-5, true,
        t -> F.gumbelSoftmax(t.get(0), t.get(1), 0.7, 99, 5).soft(), logits, m);
    compare("gumbel hard", 0, false,
        t -> F.gumbelSoftmax(t.get(0), t.get(1), 0.7, 99, 5).hard(), logits, m);
    compare("argmax soft", 1e-5, true, t -> GumbelSoftmax.deterministic(t.get(0), null, 1.3).soft(), logits);
  }
}
