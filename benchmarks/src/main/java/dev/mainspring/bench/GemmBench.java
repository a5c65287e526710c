package dev.mainspring.bench;

import dev.mainspring.backend.cpu.Gemm;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.bindings.openblas.OpenBlas;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * fp32 n×n×n GEMM: the CPU backend's kernels (vector / scalar) and OpenBLAS's cblas_sgemm on the
 * same data and thread count. GFLOP/s = 2n³ / (time per op). The {@code bench gemm} command prints
 * the same comparison as JSON; this is the JMH view of it.
 *
 * <pre>java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Gemm -f 1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {
  @Param({"256", "512", "1024", "2048"})
  int n;

  @Param({"1", "2"})
  int threads;

  /** vector, scalar (our two micro-kernels) or openblas. */
  @Param({"vector", "scalar", "openblas"})
  String impl;

  private Arena arena;
  private MemorySegment a;
  private MemorySegment b;
  private MemorySegment c;
  private Parallel.Limit limit;

  @Setup(Level.Trial)
  public void setUp() {
    if (impl.equals("openblas")) {
      if (!OpenBlas.isAvailable()) {
        throw new IllegalStateException("baseline unavailable: " + OpenBlas.describe());
      }
      OpenBlas.openblas_set_num_threads(threads);
    }
    arena = Arena.ofShared();
    long count = (long) n * n;
    a = random(count, 1);
    b = random(count, 2);
    c = arena.allocate(count * Float.BYTES, 64);
    limit = Parallel.limit(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    limit.close();
    arena.close();
  }

  @Benchmark
  public MemorySegment gemm() {
    switch (impl) {
      case "vector" -> Gemm.sgemm(Gemm.Path.VECTOR, false, false, 1, n, n, n, 1f, a, 0, b, 0, 0f,
          c, 0);
      case "scalar" -> Gemm.sgemm(Gemm.Path.SCALAR, false, false, 1, n, n, n, 1f, a, 0, b, 0, 0f,
          c, 0);
      case "openblas" -> OpenBlas.cblas_sgemm(OpenBlas.CblasRowMajor, OpenBlas.CblasNoTrans,
          OpenBlas.CblasNoTrans, n, n, n, 1f, a, n, b, n, 0f, c, n);
      default -> throw new IllegalArgumentException("impl " + impl);
    }
    return c;
  }

  private MemorySegment random(long count, long seed) {
    MemorySegment s = arena.allocate(count * Float.BYTES, 64);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (long i = 0; i < count; i++) {
      s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextDouble(-1, 1));
    }
    return s;
  }
}
