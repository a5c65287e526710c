package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.MatMul;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU GEMM for {@link MatMul}. F32 takes {@link Gemm}'s packed, blocked path; F64 (gradient checks)
 * takes a plain loop that is easy to trust.
 */
final class MatMulCpu implements MatMul.Kernels {
  @Override
  public void gemm(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
      Tensor a, long strideA, Tensor b, long strideB, double beta, Tensor c, long strideC) {
    if (a.dtype() == DType.F32 && b.dtype() == DType.F32 && c.dtype() == DType.F32) {
      MemorySegment sa = CpuBuf.of(a).seg();
      MemorySegment sb = CpuBuf.of(b).seg();
      MemorySegment sc = CpuBuf.of(c).seg();
      Gemm.sgemm(transA, transB, batch, m, n, k, (float) alpha, sa, strideA, sb, strideB,
          (float) beta, sc, strideC);
      return;
    }
    CpuBuf x = CpuBuf.of(a);
    CpuBuf y = CpuBuf.of(b);
    CpuBuf z = CpuBuf.of(c);
    Parallel.range((long) batch * m, Math.max(1, 4096 / Math.max(1, (long) n * k)), (s, e) -> {
      double[] row = new double[n];
      for (long q = s; q < e; q++) {
        int bi = (int) (q / m);
        int i = (int) (q % m);
        long oa = bi * strideA;
        long ob = bi * strideB;
        long oc = bi * strideC + (long) i * n;
        java.util.Arrays.fill(row, 0.0);
        for (int p = 0; p < k; p++) {
          double av = transA ? x.get(oa + (long) p * m + i) : x.get(oa + (long) i * k + p);
          if (av == 0.0) {
            continue;
          }
          for (int j = 0; j < n; j++) {
            double bv = transB ? y.get(ob + (long) j * k + p) : y.get(ob + (long) p * n + j);
            row[j] += av * bv;
          }
        }
        for (int j = 0; j < n; j++) {
          double prev = beta == 0.0 ? 0.0 : beta * z.get(oc + j);
          z.set(oc + j, alpha * row[j] + prev);
        }
      }
    });
  }

}
