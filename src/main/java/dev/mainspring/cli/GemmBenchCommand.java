package dev.mainspring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.backend.cpu.Gemm;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.backend.cpu.VectorSupport;
import dev.mainspring.bindings.openblas.OpenBlas;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * fp32 GEMM throughput (n×n×n, row-major, no transposes) of the CPU backend beside OpenBLAS's
 * {@code cblas_sgemm} on the same matrices, same thread count, in the same process. Both run in
 * alternating rounds after a warm-up, so background load hits both alike; each reports its best
 * round (the least disturbed) and its median.
 */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = "fp32 GEMM GFLOP/s of the CPU backend beside OpenBLAS (libopenblas.so.0, "
        + "when installed).")
final class GemmBenchCommand implements Callable<Integer> {
  @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024,2048",
      description = "Matrix sizes n (n×n×n products). Default: ${DEFAULT-VALUE}.")
  int[] sizes;

  @Option(names = "--threads", split = ",", defaultValue = "1,2",
      description = "Thread counts, for both us and OpenBLAS. Default: ${DEFAULT-VALUE}.")
  int[] threads;

  @Option(names = "--path", defaultValue = "auto",
      description = "Micro-kernel: auto (vector when the Vector API is present), vector, scalar.")
  String path;

  @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds per side.")
  int rounds;

  @Option(names = "--round-seconds", defaultValue = "0.3",
      description = "Minimum length of one round (at least one product).")
  double roundSeconds;

  @Option(names = "--warmup-seconds", defaultValue = "1.5",
      description = "Warm-up per side before the rounds (the JIT needs it).")
  double warmupSeconds;

  @Option(names = "--no-baseline", description = "Skip OpenBLAS.")
  boolean noBaseline;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    Gemm.Path p = parsePath(path);
    for (int n : sizes) {
      if (n < 1) {
        throw new UserError("--sizes must be positive, got " + n);
      }
    }
    for (int t : threads) {
      if (t < 1) {
        throw new UserError("--threads must be positive, got " + t);
      }
    }
    if (rounds < 1) {
      throw new UserError("--rounds must be at least 1, got " + rounds);
    }
    boolean baseline = !noBaseline && OpenBlas.isAvailable();
    System.err.println("gemm: path " + Gemm.describe(p) + "; Vector API " + VectorSupport.describe()
        + "; baseline " + (noBaseline ? "skipped" : OpenBlas.describe()));
    for (int n : sizes) {
      try (Arena arena = Arena.ofShared()) { // shared: worker threads read the operands
        long count = (long) n * n;
        MemorySegment a = random(arena, count, 1);
        MemorySegment b = random(arena, count, 2);
        MemorySegment c = arena.allocate(count * Float.BYTES, 64);
        MemorySegment cBlas = arena.allocate(count * Float.BYTES, 64);
        Runnable ours = () -> Gemm.sgemm(p, false, false, 1, n, n, n, 1f, a, 0, b, 0, 0f, c, 0);
        Runnable blas = () -> OpenBlas.cblas_sgemm(OpenBlas.CblasRowMajor, OpenBlas.CblasNoTrans,
            OpenBlas.CblasNoTrans, n, n, n, 1f, a, n, b, n, 0f, cBlas, n);
        for (int t : threads) {
          System.err.printf("gemm: n=%d threads=%d ...%n", n, t);
          double[] mine;
          double[] theirs = null;
          try (Parallel.Limit limit = Parallel.limit(t)) {
            if (baseline) {
              OpenBlas.openblas_set_num_threads(t);
            }
            warm(ours);
            if (baseline) {
              warm(blas);
              checkAgree(c, cBlas, n);
            }
            mine = new double[rounds];
            theirs = baseline ? new double[rounds] : null;
            double flops = 2.0 * n * n * n;
            for (int r = 0; r < rounds; r++) {
              mine[r] = flops / secondsPerCall(ours) / 1e9;
              if (baseline) {
                theirs[r] = flops / secondsPerCall(blas) / 1e9;
              }
            }
          }
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("bench", "gemm");
          row.put("n", n);
          row.put("threads", t);
          row.put("path", p.name().toLowerCase());
          row.put("value", round1(max(mine)));
          row.put("unit", "GFLOP/s");
          row.put("median", round1(median(mine)));
          if (theirs != null) {
            row.put("baseline", "openblas");
            row.put("baseline_value", round1(max(theirs)));
            row.put("baseline_median", round1(median(theirs)));
            row.put("ratio", round1(max(mine) / max(theirs)));
          }
          System.out.println(JSON.writeValueAsString(row));
          System.out.flush();
        }
      }
    }
    return 0;
  }

  static Gemm.Path parsePath(String s) {
    return switch (s) {
      case "auto" -> Gemm.defaultPath();
      case "scalar" -> Gemm.Path.SCALAR;
      case "vector" -> {
        if (!VectorSupport.available()) {
          throw new UserError("--path vector needs the Vector API: " + VectorSupport.describe());
        }
        yield Gemm.Path.VECTOR;
      }
      default -> throw new UserError("--path must be auto, vector or scalar, got '" + s + "'");
    };
  }

  private void warm(Runnable f) {
    long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
    int calls = 0;
    while (calls < 2 || System.nanoTime() < end) {
      f.run();
      calls++;
    }
  }

  private double secondsPerCall(Runnable f) {
    long start = System.nanoTime();
    long end = start + (long) (roundSeconds * 1e9);
    int calls = 0;
    long now;
    do {
      f.run();
      calls++;
      now = System.nanoTime();
    } while (now < end);
    return (now - start) / 1e9 / calls;
  }

  /** Refuses to report speed for wrong results: ours must match OpenBLAS's to float accuracy. */
  private static void checkAgree(MemorySegment ours, MemorySegment theirs, int n) {
    double worst = 0;
    for (long i = 0; i < (long) n * n; i++) {
      float x = ours.getAtIndex(ValueLayout.JAVA_FLOAT, i);
      float y = theirs.getAtIndex(ValueLayout.JAVA_FLOAT, i);
      worst = Math.max(worst, Math.abs(x - y) / (1 + Math.abs(y)));
    }
    // Entries are sums of n products of uniforms in [-1, 1]: |C| ~ sqrt(n/9), float error ~ n·2^-24.
    if (!(worst <= 1e-6 * n + 1e-4)) {
      throw new IllegalStateException("GEMM result differs from OpenBLAS's by " + worst
          + " (relative) at n=" + n);
    }
  }

  private static MemorySegment random(Arena arena, long count, long seed) {
    MemorySegment s = arena.allocate(count * Float.BYTES, 64);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (long i = 0; i < count; i++) {
      s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextDouble(-1, 1));
    }
    return s;
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(Double.NaN);
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  /** Four significant digits: enough for a speed, and small values stay non-zero. */
  private static double round1(double x) {
    return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).doubleValue();
  }
}
