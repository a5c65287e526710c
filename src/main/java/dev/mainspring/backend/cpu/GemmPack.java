package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Packing of GEMM operands into the contiguous, zero-padded layouts the micro-kernels stream.
 * Source rows are read with bulk copies (into a heap line when they must then be scattered);
 * edges past the matrix are zero so every micro-tile is full.
 */
final class GemmPack {
  private GemmPack() {}

  /**
   * Copies the block op(A)[ic .. ic + mc, pc .. pc + kc) with bulk copies, without transposing:
   * when op(A) = A into dst[i·lda + p] (row-major), when op(A) = Aᵀ into dst[p·lda + i]
   * (column-major). Returns lda. Rows mc .. mc rounded up to mr are readable (finite garbage or
   * zero): the micro-kernels compute them and the store discards them.
   */
  static int copyA(Gemm.Operand a, int ic, int mc, int pc, int kc, int mr, float[] dst) {
    int w = (mc + mr - 1) / mr * mr;
    int lines = a.trans() ? kc : mc;
    int length = a.trans() ? mc : kc;
    long first = a.trans() ? (long) pc * a.ld() + ic : (long) ic * a.ld() + pc;
    if (length == a.ld()) {
      // The block is whole source rows: one copy (small k or few rows make this the common case).
      read(a, first, dst, 0, lines * length);
      int tail = a.trans() ? w - mc : (w - mc) * kc;
      java.util.Arrays.fill(dst, lines * length, lines * length + tail, 0f);
      return length;
    }
    int ld = a.trans() ? w : kc;
    for (int i = 0; i < lines; i++) {
      read(a, first + (long) i * a.ld(), dst, i * ld, length);
    }
    if (a.trans()) {
      for (int p = 0; p < kc; p++) {
        java.util.Arrays.fill(dst, p * w + mc, (p + 1) * w, 0f);
      }
    } else {
      java.util.Arrays.fill(dst, mc * kc, w * kc, 0f);
    }
    return ld;
  }

  /**
   * Columns [j0, j1) (j0 a multiple of nr) of op(B)[pc.., jc..] = Bᵀ into slivers of nr columns:
   * sliver s holds, for each p, nr values contiguously at dst[s·kc·nr + p·nr + j]; columns past nc
   * are zero. Each column of op(B) is one contiguous source row, transposed on the heap.
   */
  static void packTransposedBSlivers(Gemm.Operand b, int pc, int kc, int jc, int nc, int j0,
      int j1, int nr, MemorySegment dst, GemmKernel.Scratch s) {
    int s0 = j0 / nr;
    int s1 = (j1 + nr - 1) / nr;
    float[] line = s.line(kc * (nr + 1));
    for (int sl = s0; sl < s1; sl++) {
      int cols = Math.min(nr, nc - sl * nr);
      for (int jj = 0; jj < nr; jj++) {
        if (jj < cols) {
          read(b, (long) (jc + sl * nr + jj) * b.ld() + pc, line, 0, kc);
          for (int p = 0; p < kc; p++) {
            line[kc + p * nr + jj] = line[p];
          }
        } else {
          for (int p = 0; p < kc; p++) {
            line[kc + p * nr + jj] = 0f;
          }
        }
      }
      MemorySegment.copy(line, kc, dst, ValueLayout.JAVA_FLOAT, (long) sl * kc * nr * Float.BYTES,
          kc * nr);
    }
  }

  /** op(B)[pc.., jc + j0 .. jc + j1) into rows: dst[p][j] for j in [j0, j1). */
  static void packBRows(Gemm.Operand b, int pc, int kc, int jc, int j0, int j1, float[][] dst,
      GemmKernel.Scratch s) {
    int width = j1 - j0;
    if (!b.trans()) {
      for (int p = 0; p < kc; p++) {
        read(b, (long) (pc + p) * b.ld() + jc + j0, dst[p], j0, width);
      }
    } else {
      float[] line = s.line(kc);
      for (int j = j0; j < j1; j++) {
        read(b, (long) (jc + j) * b.ld() + pc, line, 0, kc);
        for (int p = 0; p < kc; p++) {
          dst[p][j] = line[p];
        }
      }
    }
  }

  private static void read(Gemm.Operand x, long index, float[] dst, int at, int count) {
    MemorySegment.copy(x.seg(), ValueLayout.JAVA_FLOAT, (x.offset() + index) * Float.BYTES, dst, at,
        count);
  }
}
