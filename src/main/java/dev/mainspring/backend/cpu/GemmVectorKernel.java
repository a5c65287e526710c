package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API GEMM kernel. A micro-kernel keeps a tile of C in 16–24 vector registers (local
 * variables) and, per k, loads one row of the packed B sliver and broadcasts one value of A per
 * tile row into fused multiply-adds. L = lanes of the preferred species (16 with AVX-512).
 *
 * <p>Two tile widths: WIDE (4L columns) has the fewest broadcasts per FMA; NARROW (2L) suits
 * products with few columns (n = 32, 96, …) where a 4L sliver would be half padding. Each reads A
 * in the layout it was copied in, so A is never transposed while packing: row-major when op(A) is
 * A (6 × 4L and 8 × 2L tiles: a register each for the row offsets), column-major when op(A) is
 * Aᵀ (6 × 4L and 12 × 2L tiles: the rows of a k-step are adjacent).
 *
 * <p>Only loaded when {@link VectorSupport#available()} (it references {@code jdk.incubator.vector}).
 * The micro-kernels are written out by hand and call nothing C2 might decline to inline: a vector
 * that escapes into a call is boxed, which costs two orders of magnitude. The packed B panel is
 * off-heap and 64-byte aligned so no vector load splits a cache line.
 */
final class GemmVectorKernel extends GemmKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final long VBYTES = (long) L * Float.BYTES;
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

  static final GemmVectorKernel WIDE = new GemmVectorKernel(true);
  static final GemmVectorKernel NARROW = new GemmVectorKernel(false);

  private final boolean wide;

  private GemmVectorKernel(boolean wide) {
    this.wide = wide;
  }

  @Override
  int mr(boolean aRows) {
    return wide ? 6 : aRows ? 8 : 12;
  }

  @Override
  int nr() {
    return wide ? 4 * L : 2 * L;
  }

  @Override
  String name() {
    return "vector";
  }

  @Override
  String describe() {
    return "vector (" + L + " lanes; 6×" + 4 * L + " and " + 8 + "/12×" + 2 * L + " tiles)";
  }

  /** NARROW when 2L-wide slivers cover n with less padding than 4L-wide ones. */
  @Override
  GemmKernel forColumns(int n) {
    int w = (n + 4 * L - 1) / (4 * L) * 4 * L;
    int nw = (n + 2 * L - 1) / (2 * L) * 2 * L;
    return nw < w ? NARROW : WIDE;
  }

  /** A row-major B exactly one sliver wide (n = 4L or 2L, e.g. d = 64) is its own packed panel. */
  @Override
  boolean useSourceB(Gemm.Operand b, int pc, int kc, int jc, int nc, Panel panel) {
    if (b.trans() || b.ld() != nr() || jc != 0 || nc != nr()) {
      return false;
    }
    panel.segment = b.seg();
    panel.base = b.offset() + (long) pc * nr();
    return true;
  }

  /**
   * Columns [j0, j1) of op(B)[pc.., jc..] into slivers of nr columns: sliver s holds, for each p,
   * nr values contiguously at panel[s·kc·nr + p·nr + j], columns past nc zero.
   */
  @Override
  void packB(Gemm.Operand b, int pc, int kc, int jc, int nc, int j0, int j1, Panel dst) {
    int nr = nr();
    if (b.trans()) {
      GemmPack.packTransposedBSlivers(b, pc, kc, jc, nc, j0, j1, nr, dst.segment, Gemm.scratch());
      return;
    }
    // op(B) = B: each k-row of the sliver is a contiguous run of the source row, vector-copied.
    MemorySegment src = b.seg();
    MemorySegment panel = dst.segment;
    int s0 = j0 / nr;
    int s1 = (j1 + nr - 1) / nr;
    for (int p = 0; p < kc; p++) {
      long row = b.offset() + (long) (pc + p) * b.ld() + jc;
      for (int sl = s0; sl < s1; sl++) {
        long to = ((long) sl * kc + p) * nr * Float.BYTES;
        for (int v = 0; v < nr; v += L) {
          int col = sl * nr + v;
          long from = (row + col) * Float.BYTES;
          FloatVector x = col + L <= nc
              ? FloatVector.fromMemorySegment(S, src, from, NATIVE)
              : FloatVector.fromMemorySegment(S, src, from, NATIVE, S.indexInRange(col, nc));
          x.intoMemorySegment(panel, to + (long) v * Float.BYTES, NATIVE);
        }
      }
    }
  }

  @Override
  void macro(float[] a, boolean aRows, int lda, int mc, int kc, Panel b, int j0, int j1,
      MemorySegment c, long cOffset, int ldc, float alpha, float beta, Scratch scratch) {
    int mr = mr(aRows);
    int nr = nr();
    if (scratch.tile.length < mr * nr) {
      scratch.tile = new float[Math.max(mr * nr, 12 * 4 * L)];
    }
    Out out = new Out(c, (long) ldc * Float.BYTES, scratch.tile);
    boolean plain = alpha == 1f && beta == 0f;
    MemorySegment bp = b.segment;
    for (int j = j0; j < j1; j += nr) {
      int cols = Math.min(nr, j1 - j);
      long bo = b.base + (long) (j / nr) * kc * nr;
      for (int i = 0; i < mc; i += mr) {
        int ao = aRows ? i * lda : i;
        int rows = Math.min(mr, mc - i);
        out.at = (cOffset + (long) i * ldc + j) * Float.BYTES;
        out.full = rows == mr && cols == nr && plain;
        if (wide) {
          if (aRows) {
            rows6x4(kc, a, ao, lda, bp, bo, out);
          } else {
            cols6x4(kc, a, ao, lda, bp, bo, out);
          }
        } else if (aRows) {
          rows8x2(kc, a, ao, lda, bp, bo, out);
        } else {
          cols12x2(kc, a, ao, lda, bp, bo, out);
        }
        if (!out.full) {
          store(out.tile, nr, rows, cols, c, cOffset + (long) i * ldc + j, ldc, alpha, beta);
        }
      }
    }
  }

  /**
   * Where a micro-kernel's tile goes: straight from the registers into C when the tile is whole
   * and C = A·B (alpha 1, beta 0, the first k-slab of most products), else into {@code tile} for
   * {@link #store} to apply alpha and beta over the valid corner.
   */
  private static final class Out {
    final MemorySegment c;
    final long ldc;
    final float[] tile;
    long at;
    boolean full;

    Out(MemorySegment c, long ldcBytes, float[] tile) {
      this.c = c;
      this.ldc = ldcBytes;
      this.tile = tile;
    }
  }

  /** A block row-major (row r of the tile at a[ao + r·lda + p]); 6 × 4L tile. */
  private static void rows6x4(int kc, float[] a, int ao, int lda, MemorySegment b, long bo,
      Out out) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector c00 = zero, c01 = zero, c02 = zero, c03 = zero, c10 = zero, c11 = zero;
    FloatVector c12 = zero, c13 = zero, c20 = zero, c21 = zero, c22 = zero, c23 = zero;
    FloatVector c30 = zero, c31 = zero, c32 = zero, c33 = zero, c40 = zero, c41 = zero;
    FloatVector c42 = zero, c43 = zero, c50 = zero, c51 = zero, c52 = zero, c53 = zero;
    int a0 = ao;
    int a1 = ao + lda;
    int a2 = ao + 2 * lda;
    int a3 = ao + 3 * lda;
    int a4 = ao + 4 * lda;
    int a5 = ao + 5 * lda;
    for (int p = 0; p < kc; p++) {
      long bi = (bo + (long) p * 4 * L) * Float.BYTES;
      FloatVector b0 = FloatVector.fromMemorySegment(S, b, bi, NATIVE);
      FloatVector b1 = FloatVector.fromMemorySegment(S, b, bi + VBYTES, NATIVE);
      FloatVector b2 = FloatVector.fromMemorySegment(S, b, bi + 2 * VBYTES, NATIVE);
      FloatVector b3 = FloatVector.fromMemorySegment(S, b, bi + 3 * VBYTES, NATIVE);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, a[a1 + p]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
      x = FloatVector.broadcast(S, a[a2 + p]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      c23 = x.fma(b3, c23);
      x = FloatVector.broadcast(S, a[a3 + p]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      c33 = x.fma(b3, c33);
      x = FloatVector.broadcast(S, a[a4 + p]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      c43 = x.fma(b3, c43);
      x = FloatVector.broadcast(S, a[a5 + p]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
      c53 = x.fma(b3, c53);
    }
    if (out.full) {
      // Stored here, not in a helper: a vector passed to a call C2 does not inline is
      // boxed. Only the plain case (alpha 1, beta 0): more code here would push the method
      // past C2's inlining node budget and lose the intrinsics altogether.
      MemorySegment c = out.c;
      long at = out.at;
      long ldc = out.ldc;
      c00.intoMemorySegment(c, at, NATIVE);
      c01.intoMemorySegment(c, at + VBYTES, NATIVE);
      c02.intoMemorySegment(c, at + 2 * VBYTES, NATIVE);
      c03.intoMemorySegment(c, at + 3 * VBYTES, NATIVE);
      c10.intoMemorySegment(c, at + ldc, NATIVE);
      c11.intoMemorySegment(c, at + ldc + VBYTES, NATIVE);
      c12.intoMemorySegment(c, at + ldc + 2 * VBYTES, NATIVE);
      c13.intoMemorySegment(c, at + ldc + 3 * VBYTES, NATIVE);
      c20.intoMemorySegment(c, at + 2 * ldc, NATIVE);
      c21.intoMemorySegment(c, at + 2 * ldc + VBYTES, NATIVE);
      c22.intoMemorySegment(c, at + 2 * ldc + 2 * VBYTES, NATIVE);
      c23.intoMemorySegment(c, at + 2 * ldc + 3 * VBYTES, NATIVE);
      c30.intoMemorySegment(c, at + 3 * ldc, NATIVE);
      c31.intoMemorySegment(c, at + 3 * ldc + VBYTES, NATIVE);
      c32.intoMemorySegment(c, at + 3 * ldc + 2 * VBYTES, NATIVE);
      c33.intoMemorySegment(c, at + 3 * ldc + 3 * VBYTES, NATIVE);
      c40.intoMemorySegment(c, at + 4 * ldc, NATIVE);
      c41.intoMemorySegment(c, at + 4 * ldc + VBYTES, NATIVE);
      c42.intoMemorySegment(c, at + 4 * ldc + 2 * VBYTES, NATIVE);
      c43.intoMemorySegment(c, at + 4 * ldc + 3 * VBYTES, NATIVE);
      c50.intoMemorySegment(c, at + 5 * ldc, NATIVE);
      c51.intoMemorySegment(c, at + 5 * ldc + VBYTES, NATIVE);
      c52.intoMemorySegment(c, at + 5 * ldc + 2 * VBYTES, NATIVE);
      c53.intoMemorySegment(c, at + 5 * ldc + 3 * VBYTES, NATIVE);
    } else {
      c00.intoArray(out.tile, 0);
      c01.intoArray(out.tile, L);
      c02.intoArray(out.tile, 2 * L);
      c03.intoArray(out.tile, 3 * L);
      c10.intoArray(out.tile, 4 * L);
      c11.intoArray(out.tile, 5 * L);
      c12.intoArray(out.tile, 6 * L);
      c13.intoArray(out.tile, 7 * L);
      c20.intoArray(out.tile, 8 * L);
      c21.intoArray(out.tile, 9 * L);
      c22.intoArray(out.tile, 10 * L);
      c23.intoArray(out.tile, 11 * L);
      c30.intoArray(out.tile, 12 * L);
      c31.intoArray(out.tile, 13 * L);
      c32.intoArray(out.tile, 14 * L);
      c33.intoArray(out.tile, 15 * L);
      c40.intoArray(out.tile, 16 * L);
      c41.intoArray(out.tile, 17 * L);
      c42.intoArray(out.tile, 18 * L);
      c43.intoArray(out.tile, 19 * L);
      c50.intoArray(out.tile, 20 * L);
      c51.intoArray(out.tile, 21 * L);
      c52.intoArray(out.tile, 22 * L);
      c53.intoArray(out.tile, 23 * L);
    }
  }

  /** A block column-major (row r of the tile at a[ao + p·lda + r]); 6 × 4L tile. */
  private static void cols6x4(int kc, float[] a, int ao, int lda, MemorySegment b, long bo,
      Out out) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector c00 = zero, c01 = zero, c02 = zero, c03 = zero, c10 = zero, c11 = zero;
    FloatVector c12 = zero, c13 = zero, c20 = zero, c21 = zero, c22 = zero, c23 = zero;
    FloatVector c30 = zero, c31 = zero, c32 = zero, c33 = zero, c40 = zero, c41 = zero;
    FloatVector c42 = zero, c43 = zero, c50 = zero, c51 = zero, c52 = zero, c53 = zero;
    for (int p = 0; p < kc; p++) {
      long bi = (bo + (long) p * 4 * L) * Float.BYTES;
      int ai = ao + p * lda;
      FloatVector b0 = FloatVector.fromMemorySegment(S, b, bi, NATIVE);
      FloatVector b1 = FloatVector.fromMemorySegment(S, b, bi + VBYTES, NATIVE);
      FloatVector b2 = FloatVector.fromMemorySegment(S, b, bi + 2 * VBYTES, NATIVE);
      FloatVector b3 = FloatVector.fromMemorySegment(S, b, bi + 3 * VBYTES, NATIVE);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      c02 = x.fma(b2, c02);
      c03 = x.fma(b3, c03);
      x = FloatVector.broadcast(S, a[ai + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      c12 = x.fma(b2, c12);
      c13 = x.fma(b3, c13);
      x = FloatVector.broadcast(S, a[ai + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      c22 = x.fma(b2, c22);
      c23 = x.fma(b3, c23);
      x = FloatVector.broadcast(S, a[ai + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      c32 = x.fma(b2, c32);
      c33 = x.fma(b3, c33);
      x = FloatVector.broadcast(S, a[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      c42 = x.fma(b2, c42);
      c43 = x.fma(b3, c43);
      x = FloatVector.broadcast(S, a[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      c52 = x.fma(b2, c52);
      c53 = x.fma(b3, c53);
    }
    if (out.full) {
      // Stored here, not in a helper: a vector passed to a call C2 does not inline is
      // boxed. Only the plain case (alpha 1, beta 0): more code here would push the method
      // past C2's inlining node budget and lose the intrinsics altogether.
      MemorySegment c = out.c;
      long at = out.at;
      long ldc = out.ldc;
      c00.intoMemorySegment(c, at, NATIVE);
      c01.intoMemorySegment(c, at + VBYTES, NATIVE);
      c02.intoMemorySegment(c, at + 2 * VBYTES, NATIVE);
      c03.intoMemorySegment(c, at + 3 * VBYTES, NATIVE);
      c10.intoMemorySegment(c, at + ldc, NATIVE);
      c11.intoMemorySegment(c, at + ldc + VBYTES, NATIVE);
      c12.intoMemorySegment(c, at + ldc + 2 * VBYTES, NATIVE);
      c13.intoMemorySegment(c, at + ldc + 3 * VBYTES, NATIVE);
      c20.intoMemorySegment(c, at + 2 * ldc, NATIVE);
      c21.intoMemorySegment(c, at + 2 * ldc + VBYTES, NATIVE);
      c22.intoMemorySegment(c, at + 2 * ldc + 2 * VBYTES, NATIVE);
      c23.intoMemorySegment(c, at + 2 * ldc + 3 * VBYTES, NATIVE);
      c30.intoMemorySegment(c, at + 3 * ldc, NATIVE);
      c31.intoMemorySegment(c, at + 3 * ldc + VBYTES, NATIVE);
      c32.intoMemorySegment(c, at + 3 * ldc + 2 * VBYTES, NATIVE);
      c33.intoMemorySegment(c, at + 3 * ldc + 3 * VBYTES, NATIVE);
      c40.intoMemorySegment(c, at + 4 * ldc, NATIVE);
      c41.intoMemorySegment(c, at + 4 * ldc + VBYTES, NATIVE);
      c42.intoMemorySegment(c, at + 4 * ldc + 2 * VBYTES, NATIVE);
      c43.intoMemorySegment(c, at + 4 * ldc + 3 * VBYTES, NATIVE);
      c50.intoMemorySegment(c, at + 5 * ldc, NATIVE);
      c51.intoMemorySegment(c, at + 5 * ldc + VBYTES, NATIVE);
      c52.intoMemorySegment(c, at + 5 * ldc + 2 * VBYTES, NATIVE);
      c53.intoMemorySegment(c, at + 5 * ldc + 3 * VBYTES, NATIVE);
    } else {
      c00.intoArray(out.tile, 0);
      c01.intoArray(out.tile, L);
      c02.intoArray(out.tile, 2 * L);
      c03.intoArray(out.tile, 3 * L);
      c10.intoArray(out.tile, 4 * L);
      c11.intoArray(out.tile, 5 * L);
      c12.intoArray(out.tile, 6 * L);
      c13.intoArray(out.tile, 7 * L);
      c20.intoArray(out.tile, 8 * L);
      c21.intoArray(out.tile, 9 * L);
      c22.intoArray(out.tile, 10 * L);
      c23.intoArray(out.tile, 11 * L);
      c30.intoArray(out.tile, 12 * L);
      c31.intoArray(out.tile, 13 * L);
      c32.intoArray(out.tile, 14 * L);
      c33.intoArray(out.tile, 15 * L);
      c40.intoArray(out.tile, 16 * L);
      c41.intoArray(out.tile, 17 * L);
      c42.intoArray(out.tile, 18 * L);
      c43.intoArray(out.tile, 19 * L);
      c50.intoArray(out.tile, 20 * L);
      c51.intoArray(out.tile, 21 * L);
      c52.intoArray(out.tile, 22 * L);
      c53.intoArray(out.tile, 23 * L);
    }
  }

  /** A block row-major (row r of the tile at a[ao + r·lda + p]); 8 × 2L tile. */
  private static void rows8x2(int kc, float[] a, int ao, int lda, MemorySegment b, long bo,
      Out out) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
    FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
    FloatVector c60 = zero, c61 = zero, c70 = zero, c71 = zero;
    int a0 = ao;
    int a1 = ao + lda;
    int a2 = ao + 2 * lda;
    int a3 = ao + 3 * lda;
    int a4 = ao + 4 * lda;
    int a5 = ao + 5 * lda;
    int a6 = ao + 6 * lda;
    int a7 = ao + 7 * lda;
    for (int p = 0; p < kc; p++) {
      long bi = (bo + (long) p * 2 * L) * Float.BYTES;
      FloatVector b0 = FloatVector.fromMemorySegment(S, b, bi, NATIVE);
      FloatVector b1 = FloatVector.fromMemorySegment(S, b, bi + VBYTES, NATIVE);
      FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[a1 + p]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[a2 + p]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[a3 + p]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[a4 + p]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[a5 + p]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[a6 + p]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[a7 + p]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
    }
    if (out.full) {
      // Stored here, not in a helper: a vector passed to a call C2 does not inline is
      // boxed. Only the plain case (alpha 1, beta 0): more code here would push the method
      // past C2's inlining node budget and lose the intrinsics altogether.
      MemorySegment c = out.c;
      long at = out.at;
      long ldc = out.ldc;
      c00.intoMemorySegment(c, at, NATIVE);
      c01.intoMemorySegment(c, at + VBYTES, NATIVE);
      c10.intoMemorySegment(c, at + ldc, NATIVE);
      c11.intoMemorySegment(c, at + ldc + VBYTES, NATIVE);
      c20.intoMemorySegment(c, at + 2 * ldc, NATIVE);
      c21.intoMemorySegment(c, at + 2 * ldc + VBYTES, NATIVE);
      c30.intoMemorySegment(c, at + 3 * ldc, NATIVE);
      c31.intoMemorySegment(c, at + 3 * ldc + VBYTES, NATIVE);
      c40.intoMemorySegment(c, at + 4 * ldc, NATIVE);
      c41.intoMemorySegment(c, at + 4 * ldc + VBYTES, NATIVE);
      c50.intoMemorySegment(c, at + 5 * ldc, NATIVE);
      c51.intoMemorySegment(c, at + 5 * ldc + VBYTES, NATIVE);
      c60.intoMemorySegment(c, at + 6 * ldc, NATIVE);
      c61.intoMemorySegment(c, at + 6 * ldc + VBYTES, NATIVE);
      c70.intoMemorySegment(c, at + 7 * ldc, NATIVE);
      c71.intoMemorySegment(c, at + 7 * ldc + VBYTES, NATIVE);
    } else {
      c00.intoArray(out.tile, 0);
      c01.intoArray(out.tile, L);
      c10.intoArray(out.tile, 2 * L);
      c11.intoArray(out.tile, 3 * L);
      c20.intoArray(out.tile, 4 * L);
      c21.intoArray(out.tile, 5 * L);
      c30.intoArray(out.tile, 6 * L);
      c31.intoArray(out.tile, 7 * L);
      c40.intoArray(out.tile, 8 * L);
      c41.intoArray(out.tile, 9 * L);
      c50.intoArray(out.tile, 10 * L);
      c51.intoArray(out.tile, 11 * L);
      c60.intoArray(out.tile, 12 * L);
      c61.intoArray(out.tile, 13 * L);
      c70.intoArray(out.tile, 14 * L);
      c71.intoArray(out.tile, 15 * L);
    }
  }

  /** A block column-major (row r of the tile at a[ao + p·lda + r]); 12 × 2L tile. */
  private static void cols12x2(int kc, float[] a, int ao, int lda, MemorySegment b, long bo,
      Out out) {
    FloatVector zero = FloatVector.zero(S);
    FloatVector c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero;
    FloatVector c30 = zero, c31 = zero, c40 = zero, c41 = zero, c50 = zero, c51 = zero;
    FloatVector c60 = zero, c61 = zero, c70 = zero, c71 = zero, c80 = zero, c81 = zero;
    FloatVector c90 = zero, c91 = zero, c10_0 = zero, c10_1 = zero, c11_0 = zero, c11_1 = zero;
    for (int p = 0; p < kc; p++) {
      long bi = (bo + (long) p * 2 * L) * Float.BYTES;
      int ai = ao + p * lda;
      FloatVector b0 = FloatVector.fromMemorySegment(S, b, bi, NATIVE);
      FloatVector b1 = FloatVector.fromMemorySegment(S, b, bi + VBYTES, NATIVE);
      FloatVector x = FloatVector.broadcast(S, a[ai]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(S, a[ai + 1]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(S, a[ai + 2]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(S, a[ai + 3]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      x = FloatVector.broadcast(S, a[ai + 4]);
      c40 = x.fma(b0, c40);
      c41 = x.fma(b1, c41);
      x = FloatVector.broadcast(S, a[ai + 5]);
      c50 = x.fma(b0, c50);
      c51 = x.fma(b1, c51);
      x = FloatVector.broadcast(S, a[ai + 6]);
      c60 = x.fma(b0, c60);
      c61 = x.fma(b1, c61);
      x = FloatVector.broadcast(S, a[ai + 7]);
      c70 = x.fma(b0, c70);
      c71 = x.fma(b1, c71);
      x = FloatVector.broadcast(S, a[ai + 8]);
      c80 = x.fma(b0, c80);
      c81 = x.fma(b1, c81);
      x = FloatVector.broadcast(S, a[ai + 9]);
      c90 = x.fma(b0, c90);
      c91 = x.fma(b1, c91);
      x = FloatVector.broadcast(S, a[ai + 10]);
      c10_0 = x.fma(b0, c10_0);
      c10_1 = x.fma(b1, c10_1);
      x = FloatVector.broadcast(S, a[ai + 11]);
      c11_0 = x.fma(b0, c11_0);
      c11_1 = x.fma(b1, c11_1);
    }
    if (out.full) {
      // Stored here, not in a helper: a vector passed to a call C2 does not inline is
      // boxed. Only the plain case (alpha 1, beta 0): more code here would push the method
      // past C2's inlining node budget and lose the intrinsics altogether.
      MemorySegment c = out.c;
      long at = out.at;
      long ldc = out.ldc;
      c00.intoMemorySegment(c, at, NATIVE);
      c01.intoMemorySegment(c, at + VBYTES, NATIVE);
      c10.intoMemorySegment(c, at + ldc, NATIVE);
      c11.intoMemorySegment(c, at + ldc + VBYTES, NATIVE);
      c20.intoMemorySegment(c, at + 2 * ldc, NATIVE);
      c21.intoMemorySegment(c, at + 2 * ldc + VBYTES, NATIVE);
      c30.intoMemorySegment(c, at + 3 * ldc, NATIVE);
      c31.intoMemorySegment(c, at + 3 * ldc + VBYTES, NATIVE);
      c40.intoMemorySegment(c, at + 4 * ldc, NATIVE);
      c41.intoMemorySegment(c, at + 4 * ldc + VBYTES, NATIVE);
      c50.intoMemorySegment(c, at + 5 * ldc, NATIVE);
      c51.intoMemorySegment(c, at + 5 * ldc + VBYTES, NATIVE);
      c60.intoMemorySegment(c, at + 6 * ldc, NATIVE);
      c61.intoMemorySegment(c, at + 6 * ldc + VBYTES, NATIVE);
      c70.intoMemorySegment(c, at + 7 * ldc, NATIVE);
      c71.intoMemorySegment(c, at + 7 * ldc + VBYTES, NATIVE);
      c80.intoMemorySegment(c, at + 8 * ldc, NATIVE);
      c81.intoMemorySegment(c, at + 8 * ldc + VBYTES, NATIVE);
      c90.intoMemorySegment(c, at + 9 * ldc, NATIVE);
      c91.intoMemorySegment(c, at + 9 * ldc + VBYTES, NATIVE);
      c10_0.intoMemorySegment(c, at + 10 * ldc, NATIVE);
      c10_1.intoMemorySegment(c, at + 10 * ldc + VBYTES, NATIVE);
      c11_0.intoMemorySegment(c, at + 11 * ldc, NATIVE);
      c11_1.intoMemorySegment(c, at + 11 * ldc + VBYTES, NATIVE);
    } else {
      c00.intoArray(out.tile, 0);
      c01.intoArray(out.tile, L);
      c10.intoArray(out.tile, 2 * L);
      c11.intoArray(out.tile, 3 * L);
      c20.intoArray(out.tile, 4 * L);
      c21.intoArray(out.tile, 5 * L);
      c30.intoArray(out.tile, 6 * L);
      c31.intoArray(out.tile, 7 * L);
      c40.intoArray(out.tile, 8 * L);
      c41.intoArray(out.tile, 9 * L);
      c50.intoArray(out.tile, 10 * L);
      c51.intoArray(out.tile, 11 * L);
      c60.intoArray(out.tile, 12 * L);
      c61.intoArray(out.tile, 13 * L);
      c70.intoArray(out.tile, 14 * L);
      c71.intoArray(out.tile, 15 * L);
      c80.intoArray(out.tile, 16 * L);
      c81.intoArray(out.tile, 17 * L);
      c90.intoArray(out.tile, 18 * L);
      c91.intoArray(out.tile, 19 * L);
      c10_0.intoArray(out.tile, 20 * L);
      c10_1.intoArray(out.tile, 21 * L);
      c11_0.intoArray(out.tile, 22 * L);
      c11_1.intoArray(out.tile, 23 * L);
    }
  }

  /** C = alpha·tile + beta·C over the valid rows×cols corner (beta = 0: C is not read). */
  private static void store(float[] tile, int nr, int rows, int cols, MemorySegment c, long off,
      int ldc, float alpha, float beta) {
    for (int r = 0; r < rows; r++) {
      long row = off + (long) r * ldc;
      int t = r * nr;
      int j = 0;
      for (; j + L <= cols; j += L) {
        FloatVector v = FloatVector.fromArray(S, tile, t + j).mul(alpha);
        long at = (row + j) * Float.BYTES;
        if (beta != 0f) {
          v = v.add(FloatVector.fromMemorySegment(S, c, at, NATIVE).mul(beta));
        }
        v.intoMemorySegment(c, at, NATIVE);
      }
      for (; j < cols; j++) {
        float v = alpha * tile[t + j];
        if (beta != 0f) {
          v += beta * c.getAtIndex(ValueLayout.JAVA_FLOAT, row + j);
        }
        c.setAtIndex(ValueLayout.JAVA_FLOAT, row + j, v);
      }
    }
  }
}
