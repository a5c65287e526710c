package dev.mainspring.backend.cpu;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Data-parallel loops for CPU kernels. Work is cut into chunks whose boundaries depend only on the
 * problem size and the configured thread count {@code -Dmainspring.threads} (never on timing or on
 * {@link #limit}), so kernels that reduce per chunk and combine in chunk order give bit-identical
 * results run after run — training on the CPU is reproducible.
 */
public final class Parallel {
  private static final int THREADS = Math.max(1, Integer.getInteger("mainspring.threads",
      Runtime.getRuntime().availableProcessors()));
  private static final ConcurrentHashMap<Integer, ForkJoinPool> POOLS = new ConcurrentHashMap<>();
  private static volatile int active = THREADS;

  /** Body over a half-open index range. */
  @FunctionalInterface
  public interface Range {
    void run(long start, long end);
  }

  private Parallel() {}

  /** Threads kernels run on now: the configured count, or less inside {@link #limit}. */
  public static int threads() {
    return active;
  }

  /** The configured thread count ({@code -Dmainspring.threads}, default: available processors). */
  public static int configuredThreads() {
    return THREADS;
  }

  /**
   * Runs kernels on at most {@code n} threads (process-wide) until the handle closes; for
   * benchmarks that compare thread counts in one process. Chunk boundaries do not change, so
   * results are the same whatever the limit.
   */
  public static Limit limit(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("thread count must be at least 1, got " + n);
    }
    int previous = active;
    active = n;
    return new Limit(previous);
  }

  /** Restores the previous thread count on close. */
  public static final class Limit implements AutoCloseable {
    private final int previous;

    private Limit(int previous) {
      this.previous = previous;
    }

    @Override
    public void close() {
      active = previous;
    }
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
    int t = active;
    if (chunks <= 1 || t <= 1 || inPool()) {
      body.run(0, n);
      return;
    }
    pool(t).invoke(new Split(0, chunks, n, chunks, body));
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

  /**
   * Runs {@code body(i)} for every i in [0, tasks) with one task per call, spread over the
   * threads; for kernels that cut their own work into a few balanced pieces.
   */
  public static void tasks(int tasks, TaskBody body) {
    tasks(tasks, Integer.MAX_VALUE, body);
  }

  /** As {@link #tasks(int, TaskBody)} on at most {@code maxThreads} threads. */
  public static void tasks(int tasks, int maxThreads, TaskBody body) {
    if (tasks <= 0) {
      return;
    }
    int t = Math.min(active, maxThreads);
    if (tasks == 1 || t <= 1 || inPool()) {
      for (int i = 0; i < tasks; i++) {
        body.run(i);
      }
      return;
    }
    pool(t).invoke(new Split(0, tasks, tasks, tasks, (s, e) -> {
      for (long i = s; i < e; i++) {
        body.run((int) i);
      }
    }));
  }

  /** Body over one numbered chunk. */
  @FunctionalInterface
  public interface ChunkBody {
    void run(int chunk, long start, long end);
  }

  /** Body of one task of {@link #tasks}. */
  @FunctionalInterface
  public interface TaskBody {
    void run(int task);
  }

  private static ForkJoinPool pool(int threads) {
    return POOLS.computeIfAbsent(threads, t -> {
      AtomicInteger index = new AtomicInteger();
      return new ForkJoinPool(t, p -> {
        ForkJoinWorkerThread w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        w.setDaemon(true);
        w.setName("mainspring-cpu" + t + "-" + index.getAndIncrement());
        return w;
      }, null, false);
    });
  }

  private static boolean inPool() {
    return Thread.currentThread() instanceof ForkJoinWorkerThread w && POOLS.containsValue(w.getPool());
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
