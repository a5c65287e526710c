package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The GEMM kernel for JVMs without the Vector API, written for C2's auto-vectoriser. C2 (JDK 25)
 * only vectorises a loop over float arrays when it can prove the arrays it writes do not overlap
 * the ones it reads at another offset; two slices of one array, or of two arrays it cannot tell
 * apart, stay scalar. So every operand of the inner loop is its own array indexed by the same j:
 * the packed B panel is one array per row p, the accumulators one array per row of C, and the loop
 * {@code c_r[j] = fma(a_r, b_p[j], c_r[j])} vectorises (about 2× a register-blocked scalar tile).
 */
final class GemmScalarKernel extends GemmKernel {
  static final int MR = 4;
  /** Floats of B per pass (kc × columns): 512 KiB, half of L2. */
  private static final int PASS_FLOATS = 1 << 17;

  @Override
  int mr(boolean aRows) {
    return MR;
  }

  @Override
  int nr() {
    return 16;
  }

  @Override
  String name() {
    return "scalar";
  }

  /**
   * Narrow panels: with 1024-wide ones (each row its own array) the caches thrash; 256 measured
   * best at n = 512 … 2048 (1024³: 11 → 19 GFLOP/s).
   */
  @Override
  int panelWidth() {
    return 256;
  }

  @Override
  String describe() {
    return "scalar (4-row tiles, auto-vectorised rows)";
  }

  @Override
  void packB(Gemm.Operand b, int pc, int kc, int jc, int nc, int j0, int j1, Panel dst) {
    GemmPack.packBRows(b, pc, kc, jc, j0, j1, dst.rows, Gemm.scratch());
  }

  @Override
  void macro(float[] a, boolean aRows, int lda, int mc, int kc, Panel b, int j0, int j1,
      MemorySegment c, long cOffset, int ldc, float alpha, float beta, Scratch scratch) {
    if (scratch.acc.length < MR || scratch.acc[0].length < j1) {
      scratch.acc = new float[MR][Math.max(j1, 64)];
    }
    float[][] rows = b.rows;
    float[] c0 = scratch.acc[0];
    float[] c1 = scratch.acc[1];
    float[] c2 = scratch.acc[2];
    float[] c3 = scratch.acc[3];
    // Columns per pass: long rows for C2's unrolled vector loop, few enough to keep B in L2.
    int cols = Math.max(64, PASS_FLOATS / kc / 16 * 16);
    for (int jj = j0; jj < j1; jj += cols) {
      int je = Math.min(j1, jj + cols);
      for (int i = 0; i < mc; i += MR) {
        java.util.Arrays.fill(c0, jj, je, 0f);
        java.util.Arrays.fill(c1, jj, je, 0f);
        java.util.Arrays.fill(c2, jj, je, 0f);
        java.util.Arrays.fill(c3, jj, je, 0f);
        // Element (i + r, p) of the block is at a[ao + r·rs + p·ps].
        int rs = aRows ? lda : 1;
        int ps = aRows ? 1 : lda;
        int ao = aRows ? i * lda : i;
        for (int p = 0; p < kc; p++) {
          float[] bp = rows[p];
          int ai = ao + p * ps;
          float a0 = a[ai];
          float a1 = a[ai + rs];
          float a2 = a[ai + 2 * rs];
          float a3 = a[ai + 3 * rs];
          for (int j = jj; j < je; j++) {
            float bv = bp[j];
            c0[j] = Math.fma(a0, bv, c0[j]);
            c1[j] = Math.fma(a1, bv, c1[j]);
            c2[j] = Math.fma(a2, bv, c2[j]);
            c3[j] = Math.fma(a3, bv, c3[j]);
          }
        }
        int mr = Math.min(MR, mc - i);
        long row = cOffset + (long) i * ldc;
        store(c0, jj, je, c, row, alpha, beta);
        if (mr > 1) {
          store(c1, jj, je, c, row + ldc, alpha, beta);
        }
        if (mr > 2) {
          store(c2, jj, je, c, row + 2L * ldc, alpha, beta);
        }
        if (mr > 3) {
          store(c3, jj, je, c, row + 3L * ldc, alpha, beta);
        }
      }
    }
  }

  /** C[row + j] = alpha·acc[j] + beta·C[row + j] for j in [j0, j1) (beta = 0: C is not read). */
  private static void store(float[] acc, int j0, int j1, MemorySegment c, long row, float alpha,
      float beta) {
    for (int j = j0; j < j1; j++) {
      float v = alpha * acc[j];
      if (beta != 0f) {
        v += beta * c.getAtIndex(ValueLayout.JAVA_FLOAT, row + j);
      }
      c.setAtIndex(ValueLayout.JAVA_FLOAT, row + j, v);
    }
  }
}
