package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;

/**
 * One register-blocked GEMM kernel family, as {@link Gemm}'s loops see it: it packs a KC×NC panel
 * of op(B) in the layout its micro-kernel streams, and runs the macro-kernel (all MR×NR tiles of an
 * MC×KC block of op(A) against columns of that panel), updating C with alpha and beta. The A block
 * is a plain copy of the source rows ({@link GemmPack#copyA}): row-major when op(A) = A,
 * column-major when op(A) = Aᵀ, so packing never transposes A.
 *
 * <p>Both kernels multiply in the same order — per element of C, one fused multiply-add per k
 * from zero over a KC block, then {@code C = alpha·acc + beta·C} — so they give bit-identical
 * results, whatever the thread count or the way the work is cut.
 */
abstract class GemmKernel {
  /** Rows of a micro-tile, for A blocks row-major ({@code aRows}) or column-major. */
  abstract int mr(boolean aRows);

  /** Column granularity: work is split between threads at multiples of this. */
  abstract int nr();

  /** The variant of this kernel that suits products with n columns (default: this one). */
  GemmKernel forColumns(int n) {
    return this;
  }

  /** "vector" or "scalar", for logs and benchmarks. */
  abstract String name();

  /** The name and tile shape, for {@code info} and benchmarks. */
  abstract String describe();

  /** Columns of one packed B panel. */
  int panelWidth() {
    return Gemm.NC;
  }

  /**
   * Points the panel at op(B)[pc.., jc..] itself when the source already has the packed layout
   * (then no packing is needed) and says whether it did.
   */
  boolean useSourceB(Gemm.Operand b, int pc, int kc, int jc, int nc, Panel panel) {
    return false;
  }

  /** Packs op(B)[pc.., jc..] columns [j0, j1) of a kc×nc panel (j0 a multiple of {@link #nr}). */
  abstract void packB(Gemm.Operand b, int pc, int kc, int jc, int nc, int j0, int j1, Panel dst);

  /**
   * C[i, j] = alpha·Σ_p A[i, p]·B[p, j] + beta·C[i, j] for the A block (mc×kc, element (i, p) at
   * a[i·lda + p] when {@code aRows}, else a[p·lda + i]; rows up to a multiple of mr readable) and
   * panel columns [j0, j1); {@code cOffset} is the element of C at block row 0, panel column 0.
   */
  abstract void macro(float[] a, boolean aRows, int lda, int mc, int kc, Panel b, int j0, int j1,
      MemorySegment c, long cOffset, int ldc, float alpha, float beta, Scratch scratch);

  /** A packed panel of op(B); each kernel uses one of the layouts. */
  static final class Panel {
    /** Slivers of nr columns, each kc rows of nr contiguous floats, 64-byte aligned (vector). */
    MemorySegment segment = MemorySegment.NULL;
    /** Element offset of the first sliver in {@link #segment} (non-zero when reading B in place). */
    long base;
    final Gemm.NativeScratch scratch = new Gemm.NativeScratch();
    /** kc rows of nc floats, each its own array (scalar kernel: see {@code GemmScalarKernel}). */
    float[][] rows = new float[0][];
  }

  /** Per-thread working memory of the macro-kernel and packing. */
  static final class Scratch {
    float[] blockA = new float[0];
    float[] line = new float[0];
    float[] tile = new float[0];
    float[][] acc = new float[0][];

    float[] line(int n) {
      if (line.length < n) {
        line = new float[n];
      }
      return line;
    }
  }
}
