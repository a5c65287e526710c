package dev.mainspring.backend.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Data-parallel loops for CPU kernels. Work is cut into chunks whose boundaries depend only on the
 * problem size (never on timing), so kernels that reduce per chunk and combine in chunk order give
 * bit-identical results run after run — training on the CPU is reproducible.
 */
public final class Parallel {
  private static final int THREADS = Integer.getInteger("mainspring.threads",
      Runtime.getRuntime().availableProcessors());
  private static final ForkJoinPool POOL = THREADS <= 1 ? null : new ForkJoinPool(THREADS);

  /** Body over a half-open index range. */
  @FunctionalInterface
  public interface Range {
    void run(long start, long end);
  }

  private Parallel() {}

  public static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code body} over [0, n) in chunks of at least {@code grain} indices, in parallel when
   * there is more than one chunk. Returns when all chunks are done.
   */
  public static void range(long n, long grain, Range body) {
    if (n <= 0) {
      return;
    }
    long chunks = chunks(n, grain);
    if (chunks <= 1 || POOL == null || inPool()) {
      body.run(0, n);
      return;
    }
    POOL.invoke(new Split(0, chunks, n, chunks, body));
  }

  /** Number of chunks {@link #range} uses for n indices; chunk c spans [c*n/chunks, (c+1)*n/chunks). */
  public static long chunks(long n, long grain) {
    long byGrain = Math.max(1, n / Math.max(1, grain));
    return Math.min(byGrain, (long) THREADS * 4);
  }

  /** Runs {@code body(chunk, start, end)} once per chunk of {@link #chunks}, in parallel. */
  public static void chunked(long n, long grain, ChunkBody body) {
    long chunks = chunks(n, grain);
    range(chunks, 1, (c0, c1) -> {
      for (long c = c0; c < c1; c++) {
        body.run((int) c, c * n / chunks, (c + 1) * n / chunks);
      }
    });
  }

  /** Body over one numbered chunk. */
  @FunctionalInterface
  public interface ChunkBody {
    void run(int chunk, long start, long end);
  }

  private static boolean inPool() {
    return Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread w
        && w.getPool() == POOL;
  }

  private static final class Split extends RecursiveAction {
    private final long c0;
    private final long c1;
    private final long n;
    private final long chunks;
    private final Range body;

    Split(long c0, long c1, long n, long chunks, Range body) {
      this.c0 = c0;
      this.c1 = c1;
      this.n = n;
      this.chunks = chunks;
      this.body = body;
    }

    @Override
    protected void compute() {
      if (c1 - c0 == 1) {
        body.run(c0 * n / chunks, c1 * n / chunks);
        return;
      }
      long mid = (c0 + c1) >>> 1;
      invokeAll(new Split(c0, mid, n, chunks, body), new Split(mid, c1, n, chunks, body));
    }
  }
}
