package dev.mainspring.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Single-precision GEMM on off-heap row-major matrices, GotoBLAS/BLIS style: for each KC-deep
 * slab of k, a KC×NC panel of op(B) is packed once (by all threads, into one shared panel), then
 * MC-row blocks of op(A) are copied per thread and multiplied tile by tile by a register-blocked
 * micro-kernel ({@link GemmVectorKernel} with the Vector API, {@link GemmScalarKernel} without).
 * Block sizes were tuned on the dev machine (Xeon @ 2.5 GHz, AVX-512, 32 KiB L1d, 1 MiB L2 per
 * core): a deep KC halves the passes over C, which cost more than B slivers spilling to L2.
 *
 * <p>Work is split between threads by columns of C for products large on every side (each thread
 * then runs the whole loop nest on its share: one fork/join, no barriers), by rows of C around a
 * shared B panel otherwise (tall-skinny products), by batch entry for batches of small products,
 * and — for the "weight gradient" shape, few outputs and a long k — into fixed k-slabs summed in
 * order. Every split depends only on the shape, and the
 * per-element order of operations never depends on how rows and columns are split, so results are
 * bit-identical across runs, thread counts and the two kernels.
 */
public final class Gemm {
  /** Which micro-kernel runs. */
  public enum Path { VECTOR, SCALAR }

  /** One row-major operand: element (i, j) of the stored matrix is at offset + i·ld + j. */
  record Operand(MemorySegment seg, long offset, boolean trans, int ld) {}

  /** k-slab depth: each pass over C costs a load and store of every tile, so go deep. */
  static final int KC = 512;
  /** Rows of A copied per block: MC×KC floats (384 KiB) live in L2. */
  static final int MC = 192;
  /** Columns of the shared B panel: KC×NC floats (2 MiB) live in L2/L3. */
  static final int NC = 2048;
  /** Below this many multiply-adds a product runs on one thread (fork/join costs more). */
  private static final long SERIAL_WORK = 1L << 18;
  /** Column split between threads when each gets at least this many slivers. */
  private static final int COLUMN_SPLIT_SLIVERS = 4;
  /** k-split for small outputs: slabs of this many k each, summed in order. */
  private static final int K_SPLIT = 2048;

  private static final ThreadLocal<GemmKernel.Scratch> SCRATCH =
      ThreadLocal.withInitial(GemmKernel.Scratch::new);
  private static final ThreadLocal<GemmKernel.Panel> PANEL =
      ThreadLocal.withInitial(GemmKernel.Panel::new);
  private static final ThreadLocal<NativeScratch> PARTIALS =
      ThreadLocal.withInitial(NativeScratch::new);

  private Gemm() {}

  /** The path {@link #sgemm} takes: the Vector API kernel when the module is present. */
  public static Path defaultPath() {
    return VectorSupport.available() ? Path.VECTOR : Path.SCALAR;
  }

  /**
   * For each of {@code batch} problems: C = alpha · op(A) · op(B) + beta · C with op(A) m×k, op(B)
   * k×n, C m×n, all row-major and contiguous; problem i starts at element i·stride of each segment
   * (stride 0 reuses one matrix). With beta = 0, C is not read (it may hold garbage or NaN).
   * Segments must be readable from the kernel threads (shared or global arenas, as tensors are).
   */
  public static void sgemm(boolean transA, boolean transB, int batch, int m, int n, int k,
      float alpha, MemorySegment a, long strideA, MemorySegment b, long strideB, float beta,
      MemorySegment c, long strideC) {
    sgemm(defaultPath(), transA, transB, batch, m, n, k, alpha, a, strideA, b, strideB, beta, c,
        strideC);
  }

  /** As {@link #sgemm}, on an explicit path (tests run both; VECTOR needs the Vector API). */
  public static void sgemm(Path path, boolean transA, boolean transB, int batch, int m, int n, int k,
      float alpha, MemorySegment a, long strideA, MemorySegment b, long strideB, float beta,
      MemorySegment c, long strideC) {
    if (batch < 0 || m < 0 || n < 0 || k < 0) {
      throw new IllegalArgumentException("negative GEMM size: batch=" + batch + " m=" + m + " n=" + n
          + " k=" + k);
    }
    checkFits("A", a, batch, strideA, (long) m * k);
    checkFits("B", b, batch, strideB, (long) k * n);
    checkFits("C", c, batch, strideC, (long) m * n);
    if (batch > 1 && strideC < (long) m * n) {
      throw new IllegalArgumentException("C stride " + strideC + " would make batch entries of "
          + m + "×" + n + " overlap");
    }
    if (batch == 0 || m == 0 || n == 0) {
      return;
    }
    if (k == 0 || alpha == 0f) {
      for (int bi = 0; bi < batch; bi++) {
        scale(c, bi * strideC, (long) m * n, beta);
      }
      return;
    }
    GemmKernel kern = kernel(path);
    if (batch > 1 && strideB == 0 && !transA && strideA == (long) m * k && strideC == (long) m * n
        && (long) batch * m <= Integer.MAX_VALUE) {
      // One B for a stack of A's: a single tall product (the tokens × weight case).
      m *= batch;
      batch = 1;
    }
    int lda = transA ? m : k;
    int ldb = transB ? k : n;
    long work = (long) m * n * k;
    int threads = Parallel.threads();
    boolean overBatch = batch > 1 && batch >= threads
        && (batch % threads == 0 || batch >= 4 * threads || work < SERIAL_WORK * 4);
    if (overBatch) {
      final int mm = m;
      long grain = Math.max(1, SERIAL_WORK / Math.max(1, work));
      Parallel.range(batch, grain, (s, e) -> {
        for (long bi = s; bi < e; bi++) {
          Operand oa = new Operand(a, bi * strideA, transA, lda);
          Operand ob = new Operand(b, bi * strideB, transB, ldb);
          product(kern, mm, n, k, alpha, oa, ob, beta, c, bi * strideC, 1);
        }
      });
      return;
    }
    int useThreads = work < SERIAL_WORK ? 1 : threads;
    for (int bi = 0; bi < batch; bi++) {
      Operand oa = new Operand(a, bi * strideA, transA, lda);
      Operand ob = new Operand(b, bi * strideB, transB, ldb);
      if (splitK(m, n, k)) {
        productSplitK(kern, m, n, k, alpha, oa, ob, beta, c, bi * strideC, useThreads);
      } else {
        product(kern, m, n, k, alpha, oa, ob, beta, c, bi * strideC, useThreads);
      }
    }
  }

  /** The name of the micro-kernel behind a path ("vector" / "scalar"). */
  public static String describe(Path path) {
    return kernel(path).describe();
  }

  static GemmKernel.Scratch scratch() {
    return SCRATCH.get();
  }

  private static GemmKernel kernel(Path path) {
    if (path == Path.SCALAR) {
      return ScalarHolder.KERNEL;
    }
    if (!VectorSupport.available()) {
      throw new IllegalStateException("the vector GEMM path needs the Vector API: "
          + VectorSupport.describe());
    }
    return VectorHolder.KERNEL;
  }

  // Holders so that the Vector API kernel class is only loaded when asked for.
  private static final class VectorHolder {
    static final GemmKernel KERNEL = GemmVectorKernel.WIDE;
  }

  private static final class ScalarHolder {
    static final GemmKernel KERNEL = new GemmScalarKernel();
  }

  /** Few outputs but a long k (weight gradients): not enough rows or columns to share out. */
  private static boolean splitK(int m, int n, int k) {
    return k >= 2 * K_SPLIT && (long) m * n <= 256L * 256;
  }

  /**
   * C = alpha·Σ_s op(A)[:, slab s]·op(B)[slab s, :] + beta·C with the slabs of {@link #K_SPLIT}
   * computed in parallel into private partial sums, then added in slab order.
   */
  private static void productSplitK(GemmKernel kern, int m, int n, int k, float alpha, Operand a,
      Operand b, float beta, MemorySegment c, long cOffset, int threads) {
    int slabs = k / K_SPLIT;
    int size = m * n;
    // Off-heap like the tensors: the vector kernels store to native memory at full speed.
    MemorySegment partial = PARTIALS.get().grow((long) slabs * size * Float.BYTES);
    Parallel.tasks(slabs, threads, s -> {
      int p0 = (int) ((long) s * k / slabs);
      int p1 = (int) ((long) (s + 1) * k / slabs);
      Operand as = a.trans()
          ? new Operand(a.seg(), a.offset() + (long) p0 * a.ld(), true, a.ld())
          : new Operand(a.seg(), a.offset() + p0, false, a.ld());
      Operand bs = b.trans()
          ? new Operand(b.seg(), b.offset() + p0, true, b.ld())
          : new Operand(b.seg(), b.offset() + (long) p0 * b.ld(), false, b.ld());
      product(kern, m, n, p1 - p0, 1f, as, bs, 0f, partial, (long) s * size, 1);
    });
    Parallel.range(size, 1 << 14, (s, e) -> {
      for (long i = s; i < e; i++) {
        float t = partial.getAtIndex(ValueLayout.JAVA_FLOAT, i);
        for (int sl = 1; sl < slabs; sl++) {
          t += partial.getAtIndex(ValueLayout.JAVA_FLOAT, (long) sl * size + i);
        }
        long at = cOffset + i;
        float v = alpha * t;
        if (beta != 0f) {
          v += beta * c.getAtIndex(ValueLayout.JAVA_FLOAT, at);
        }
        c.setAtIndex(ValueLayout.JAVA_FLOAT, at, v);
      }
    });
  }

  /** One m×n×k product, on up to {@code threads} threads. */
  private static void product(GemmKernel family, int m, int n, int k, float alpha, Operand a,
      Operand b, float beta, MemorySegment c, long cOffset, int threads) {
    GemmKernel kern = family.forColumns(n);
    int nr = kern.nr();
    int slivers = (n + nr - 1) / nr;
    if (threads > 1 && slivers >= COLUMN_SPLIT_SLIVERS * threads && m >= MC * threads) {
      // Large on every side: each thread takes a fixed share of the columns and runs the whole
      // loop nest alone — its own B panel, its own copies of A (cheap bulk copies, amortised over
      // its many columns) — so there is one fork/join per product and no barrier inside it.
      Parallel.tasks(threads, threads, t -> {
        int j0 = (int) ((long) t * slivers / threads) * nr;
        int j1 = Math.min(n, (int) ((long) (t + 1) * slivers / threads) * nr);
        Operand bs = b.trans()
            ? new Operand(b.seg(), b.offset() + (long) j0 * b.ld(), true, b.ld())
            : new Operand(b.seg(), b.offset() + j0, false, b.ld());
        block(kern, m, j1 - j0, k, alpha, a, bs, beta, c, cOffset + j0, n, 1);
      });
      return;
    }
    block(kern, m, n, k, alpha, a, b, beta, c, cOffset, n, threads);
  }

  /**
   * The GotoBLAS loop nest for an m×n block of C with row stride ldc: per KC slab a B panel packed
   * by all threads, then row blocks shared out between them.
   */
  private static void block(GemmKernel kern, int m, int n, int k, float alpha, Operand a,
      Operand b, float beta, MemorySegment c, long cOffset, int ldc, int threads) {
    boolean aRows = !a.trans();
    int mr = kern.mr(aRows);
    int nr = kern.nr();
    int rowSlivers = (m + mr - 1) / mr;
    int kBlocks = (k + KC - 1) / KC;
    int panelWidth = kern.panelWidth();
    for (int jc = 0; jc < n; jc += panelWidth) {
      int nc = Math.min(panelWidth, n - jc);
      int colSlivers = (nc + nr - 1) / nr;
      // Row blocks of at most MC rows and, with several threads, about four per thread (each of
      // two or more tiles), so a thread that starts late or is descheduled costs little.
      int rowBlocks = (m + MC - 1) / MC;
      if (threads > 1) {
        rowBlocks = Math.max(rowBlocks, Math.min(4 * threads, rowSlivers / 2));
        rowBlocks = (rowBlocks + threads - 1) / threads * threads;
      }
      rowBlocks = Math.max(1, Math.min(rowSlivers, rowBlocks));
      int colParts = rowBlocks >= threads ? 1
          : Math.min(colSlivers, (threads + rowBlocks - 1) / rowBlocks);
      int blocks = rowBlocks;
      for (int kb = 0; kb < kBlocks; kb++) {
        int pc = (int) ((long) kb * k / kBlocks);
        int kc = (int) ((long) (kb + 1) * k / kBlocks) - pc;
        float betaK = kb == 0 ? beta : 1f;
        GemmKernel.Panel panel = panel(kern, kc, nc);
        final int jcF = jc;
        int packParts = kern.useSourceB(b, pc, kc, jc, nc, panel) ? 0
            : threads > 1 && (long) kc * nc >= 1 << 16 ? Math.min(threads, colSlivers) : 1;
        Parallel.tasks(packParts, threads, t -> {
          int j0 = (int) ((long) t * colSlivers / packParts) * nr;
          int j1 = Math.min(nc, (int) ((long) (t + 1) * colSlivers / packParts) * nr);
          kern.packB(b, pc, kc, jcF, nc, j0, j1, panel);
        });
        Parallel.tasks(blocks * colParts, threads, t -> {
          int rb = t / colParts;
          int cp = t % colParts;
          int i0 = (int) ((long) rb * rowSlivers / blocks) * mr;
          int i1 = Math.min(m, (int) ((long) (rb + 1) * rowSlivers / blocks) * mr);
          int j0 = (int) ((long) cp * colSlivers / colParts) * nr;
          int j1 = Math.min(nc, (int) ((long) (cp + 1) * colSlivers / colParts) * nr);
          if (i0 >= i1 || j0 >= j1) {
            return;
          }
          GemmKernel.Scratch s = SCRATCH.get();
          for (int ic = i0; ic < i1; ic += MC) {
            int mc = Math.min(MC, i1 - ic);
            int need = ((mc + mr - 1) / mr) * mr * kc;
            if (s.blockA.length < need) {
              s.blockA = new float[Math.max(need, (MC + 12) * KC)];
            }
            int lda = GemmPack.copyA(a, ic, mc, pc, kc, mr, s.blockA);
            kern.macro(s.blockA, aRows, lda, mc, kc, panel, j0, j1, c,
                cOffset + (long) ic * ldc + jcF, ldc, alpha, betaK, s);
          }
        });
      }
    }
  }

  /**
   * A per-thread native buffer that only grows (by doubling), in the global arena so the kernel
   * threads can write it; its size is bounded by the largest product the thread has run.
   */
  static final class NativeScratch {
    private MemorySegment segment = MemorySegment.NULL;

    MemorySegment grow(long bytes) {
      if (segment.byteSize() < bytes) {
        segment = Arena.global().allocate(Math.max(bytes, segment.byteSize() * 2), 64);
      }
      return segment;
    }
  }

  /** The calling thread's B panel, grown for a kc×nc panel in the kernel's layout. */
  private static GemmKernel.Panel panel(GemmKernel kern, int kc, int nc) {
    GemmKernel.Panel p = PANEL.get();
    if (kern instanceof GemmScalarKernel) {
      if (p.rows.length < kc || p.rows[0].length < nc) {
        int rows = Math.max(kc, p.rows.length);
        int cols = Math.max(nc, p.rows.length == 0 ? 0 : p.rows[0].length);
        p.rows = new float[rows][cols];
      }
    } else {
      long need = (long) ((nc + kern.nr() - 1) / kern.nr()) * kern.nr() * kc * Float.BYTES;
      p.segment = p.scratch.grow(need);
      p.base = 0;
    }
    return p;
  }

  private static void scale(MemorySegment c, long offset, long count, float beta) {
    for (long i = 0; i < count; i++) {
      float v = beta == 0f ? 0f : beta * c.getAtIndex(ValueLayout.JAVA_FLOAT, offset + i);
      c.setAtIndex(ValueLayout.JAVA_FLOAT, offset + i, v);
    }
  }

  private static void checkFits(String what, MemorySegment seg, int batch, long stride, long size) {
    if (stride < 0) {
      throw new IllegalArgumentException(what + " stride is negative: " + stride);
    }
    long need = batch == 0 || size == 0 ? 0 : ((batch - 1) * stride + size) * Float.BYTES;
    if (need > seg.byteSize()) {
      throw new IllegalArgumentException("GEMM operand " + what + " needs " + need / Float.BYTES
          + " floats (batch " + batch + ", stride " + stride + ", matrix " + size
          + ") but has " + seg.byteSize() / Float.BYTES);
    }
  }
}
