package dev.mainspring.bench;

import dev.mainspring.backend.cpu.Gemm;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.bindings.openblas.OpenBlas;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * fp32 n×n×n GEMM: the CPU backend's kernels (vector / scalar) and OpenBLAS's cblas_sgemm on the
 * same data and thread count. GFLOP/s = 2n³ / (time per op). The {@code bench gemm} command prints
 * the same comparison as JSON; this is the JMH view of it.
 *
 * <p>{@code impl=tensor} times {@code F.matmul} on [n, n] tensors of the chosen backend instead: the
 * CPU backend's own dispatch, or with {@code -p backend=cuda} cuBLAS (TF32 tensor cores, as the
 * cuda backend's MatMul runs), each op ending with a device sync. The raw kernels (vector, scalar,
 * openblas) run on host memory only, so a cuda run names {@code -p impl=tensor}; {@code threads}
 * does not apply to it.
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar Gemm -f 1
 *   java -jar benchmarks/target/benchmarks.jar Gemm -p backend=cuda -p impl=tensor -p threads=1 -f 1
 * </pre>
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class GemmBench {
  /** cpu or cuda ({@code -p backend=cuda}, with {@code -p impl=tensor}); see {@link BenchDevice}. */
  @Param({"cpu"})
  String backend;

  @Param({"256", "512", "1024", "2048"})
  int n;

  @Param({"1", "2"})
  int threads;

  /** vector, scalar (our two micro-kernels), openblas, or tensor (F.matmul on the backend). */
  @Param({"vector", "scalar", "openblas"})
  String impl;

  private Arena arena;
  private MemorySegment a;
  private MemorySegment b;
  private MemorySegment c;
  private Parallel.Limit limit;
  private BenchDevice device;
  private Tensor ta;
  private Tensor tb;

  @Setup(Level.Trial)
  public void setUp() {
    device = BenchDevice.select(backend);
    if (device.isCuda() && !impl.equals("tensor")) {
      throw new IllegalArgumentException("-p impl=" + impl + " runs on host memory only; with -p backend=cuda"
          + " pass -p impl=tensor");
    }
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
    if (impl.equals("tensor")) {
      ta = Tensor.of(device.backend(), a.toArray(ValueLayout.JAVA_FLOAT), n, n);
      tb = Tensor.of(device.backend(), b.toArray(ValueLayout.JAVA_FLOAT), n, n);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (ta != null) {
      ta.release();
      tb.release();
    }
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
      case "tensor" -> {
        return tensorGemm();
      }
      default -> throw new IllegalArgumentException("impl " + impl);
    }
    return c;
  }

  private MemorySegment tensorGemm() {
    try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
      F.matmul(ta, tb);
      device.sync();
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
