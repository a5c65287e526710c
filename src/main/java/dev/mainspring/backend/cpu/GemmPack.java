package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Packing of GEMM operands into the contiguous, zero-padded layouts the micro-kernels stream.
 * Source rows are read with bulk copies into a heap line, then scattered; edges past the matrix
 * are zero so every micro-tile is full.
 */
final class GemmPack {
  private GemmPack() {}

  /**
   * op(A)[ic.., pc..] (mc×kc) into slivers of mr rows: sliver s holds, for each p, the mr values
   * A[ic + s·mr + r, pc + p] contiguously, at dst[s·kc·mr + p·mr + r].
   */
  static void packA(Gemm.Operand a, int ic, int mc, int pc, int kc, int mr, float[] dst,
      GemmKernel.Scratch s) {
    int slivers = (mc + mr - 1) / mr;
    if (!a.trans()) {
      // A is rows × ld, op(A)[i, p] = A[i·ld + p]: each row of the block is one contiguous read.
      float[] line = s.line(kc);
      for (int i = 0; i < slivers * mr; i++) {
        int sliver = i / mr;
        int r = i % mr;
        int base = sliver * kc * mr + r;
        if (i < mc) {
          read(a, (long) (ic + i) * a.ld() + pc, line, kc);
          for (int p = 0; p < kc; p++) {
            dst[base + p * mr] = line[p];
          }
        } else {
          for (int p = 0; p < kc; p++) {
            dst[base + p * mr] = 0f;
          }
        }
      }
    } else {
      // A is stored transposed, op(A)[i, p] = A[p·ld + i]: each p is one contiguous read of mc values.
      float[] line = s.line(slivers * mr);
      java.util.Arrays.fill(line, mc, slivers * mr, 0f);
      for (int p = 0; p < kc; p++) {
        read(a, (long) (pc + p) * a.ld() + ic, line, mc);
        for (int sl = 0; sl < slivers; sl++) {
          System.arraycopy(line, sl * mr, dst, sl * kc * mr + p * mr, mr);
        }
      }
    }
  }

  /**
   * op(B)[pc.., jc + j0 .. jc + j1) into slivers of nr columns: sliver s holds, for each p, nr values
   * contiguously at dst[s·kc·nr + p·nr + j] (columns past nc are zero).
   */
  static void packBSlivers(Gemm.Operand b, int pc, int kc, int jc, int nc, int j0, int j1, int nr,
      MemorySegment dst, GemmKernel.Scratch s) {
    int s0 = j0 / nr;
    int s1 = (j1 + nr - 1) / nr;
    int width = Math.min(nc, s1 * nr) - j0;
    if (!b.trans()) {
      // B is k × ld, op(B)[p, j] = B[p·ld + j]: one contiguous read per p.
      float[] line = s.line((s1 - s0) * nr);
      java.util.Arrays.fill(line, width, (s1 - s0) * nr, 0f);
      for (int p = 0; p < kc; p++) {
        read(b, (long) (pc + p) * b.ld() + jc + j0, line, width);
        for (int sl = s0; sl < s1; sl++) {
          MemorySegment.copy(line, (sl - s0) * nr, dst, ValueLayout.JAVA_FLOAT,
              ((long) sl * kc * nr + (long) p * nr) * Float.BYTES, nr);
        }
      }
    } else {
      // B is stored transposed, op(B)[p, j] = B[j·ld + p]: read nr columns (one contiguous read
      // each), transpose them on the heap, then copy the sliver out row by row.
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
        read(b, (long) (jc + j) * b.ld() + pc, line, kc);
        for (int p = 0; p < kc; p++) {
          dst[p][j] = line[p];
        }
      }
    }
  }

  private static void read(Gemm.Operand x, long index, float[] dst, int count) {
    read(x, index, dst, 0, count);
  }

  private static void read(Gemm.Operand x, long index, float[] dst, int at, int count) {
    MemorySegment.copy(x.seg(), ValueLayout.JAVA_FLOAT, (x.offset() + index) * Float.BYTES, dst, at,
        count);
  }
}
