package dev.mainspring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.backend.cpu.Gemm;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.backend.cpu.VectorSupport;
import dev.mainspring.bindings.openblas.OpenBlas;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * round (the least disturbed), its median, and the cores its best round actually got (process
 * CPU time / wall time: fewer than the threads means other programs were running).
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

  @Option(names = "--model-shapes",
      description = "Also the model's products: tall-skinny projections, their gradients, and "
          + "batched attention-sized products.")
  boolean modelShapes;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
    List<Problem> problems = new ArrayList<>();
    for (int n : sizes) {
      problems.add(new Problem(null, 1, n, n, n, false, false));
    }
    if (modelShapes) {
      problems.addAll(MODEL_SHAPES);
    }
    for (Problem pr : problems) {
      try (Arena arena = Arena.ofShared()) { // shared: worker threads read the operands
        MemorySegment a = random(arena, (long) pr.batch * pr.m * pr.k, 1);
        MemorySegment b = random(arena, (long) pr.batch * pr.k * pr.n, 2);
        long sizeC = (long) pr.batch * pr.m * pr.n;
        MemorySegment c = arena.allocate(sizeC * Float.BYTES, 64);
        MemorySegment cBlas = arena.allocate(sizeC * Float.BYTES, 64);
        long sa = (long) pr.m * pr.k;
        long sb = (long) pr.k * pr.n;
        long sc = (long) pr.m * pr.n;
        Runnable ours = () -> Gemm.sgemm(p, pr.ta, pr.tb, pr.batch, pr.m, pr.n, pr.k, 1f, a, sa, b,
            sb, 0f, c, sc);
        // OpenBLAS has no batched call in Debian's 0.3.21: a loop, as a user would write it.
        Runnable blas = () -> {
          for (int i = 0; i < pr.batch; i++) {
            OpenBlas.cblas_sgemm(OpenBlas.CblasRowMajor,
                pr.ta ? OpenBlas.CblasTrans : OpenBlas.CblasNoTrans,
                pr.tb ? OpenBlas.CblasTrans : OpenBlas.CblasNoTrans, pr.m, pr.n, pr.k, 1f,
                a.asSlice(i * sa * Float.BYTES), pr.ta ? pr.m : pr.k,
                b.asSlice(i * sb * Float.BYTES), pr.tb ? pr.k : pr.n, 0f,
                cBlas.asSlice(i * sc * Float.BYTES), pr.n);
          }
        };
        for (int t : threads) {
          System.err.printf("gemm: %s threads=%d ...%n", pr.label(), t);
          double[] mine;
          double[] myCores;
          double[] theirs = null;
          double[] theirCores = null;
          try (Parallel.Limit limit = Parallel.limit(t)) {
            if (baseline) {
              OpenBlas.openblas_set_num_threads(t);
            }
            warm(ours);
            if (baseline) {
              warm(blas);
              checkAgree(c, cBlas, sizeC, pr.k);
            }
            mine = new double[rounds];
            myCores = new double[rounds];
            theirs = baseline ? new double[rounds] : null;
            theirCores = baseline ? new double[rounds] : null;
            double flops = 2.0 * pr.batch * pr.m * pr.n * pr.k;
            for (int r = 0; r < rounds; r++) {
              double[] timed = secondsPerCall(ours);
              mine[r] = flops / timed[0] / 1e9;
              myCores[r] = timed[1];
              if (baseline) {
                timed = secondsPerCall(blas);
                theirs[r] = flops / timed[0] / 1e9;
                theirCores[r] = timed[1];
              }
            }
          }
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("bench", "gemm");
          if (pr.name == null) {
            row.put("n", pr.n);
          } else {
            row.put("shape", pr.name);
            row.put("batch", pr.batch);
            row.put("m", pr.m);
            row.put("n", pr.n);
            row.put("k", pr.k);
            row.put("trans_a", pr.ta);
            row.put("trans_b", pr.tb);
          }
          row.put("threads", t);
          row.put("path", p.name().toLowerCase());
          row.put("value", round1(max(mine)));
          row.put("unit", "GFLOP/s");
          row.put("median", round1(median(mine)));
          row.put("cores", round1(myCores[argmax(mine)]));
          if (theirs != null) {
            row.put("baseline", "openblas");
            row.put("baseline_value", round1(max(theirs)));
            row.put("baseline_median", round1(median(theirs)));
            row.put("baseline_cores", round1(theirCores[argmax(theirs)]));
            row.put("ratio", round1(max(mine) / max(theirs)));
          }
          System.out.println(JSON.writeValueAsString(row));
          System.out.flush();
        }
      }
    }
    return 0;
  }

  /** One measured product: batch × (op(A) m×k · op(B) k×n); name null for the n³ squares. */
  record Problem(String name, int batch, int m, int n, int k, boolean ta, boolean tb) {
    String label() {
      return name != null ? name : "n=" + n;
    }
  }

  /** The products of a training step of the model (d = 32 … 256, 24,000 token rows). */
  static final List<Problem> MODEL_SHAPES = List.of(
      new Problem("linear forward [24000x32]·[32x128]", 1, 24000, 128, 32, false, false),
      new Problem("linear dX [24000x128]·[32x128]ᵀ", 1, 24000, 32, 128, false, true),
      new Problem("linear dW [24000x32]ᵀ·[24000x128]", 1, 32, 128, 24000, true, false),
      new Problem("ffn forward [24000x64]·[64x256]", 1, 24000, 256, 64, false, false),
      new Problem("batched [50x50]·[50x64] x256", 256, 50, 64, 50, false, false),
      new Problem("batched [50x64]·[50x64]ᵀ x256", 256, 50, 50, 64, false, true));

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

  /**
   * One round: {seconds per call, cores busy}. Cores = process CPU time / wall time, so a round
   * slowed by other programs on the machine shows as fewer cores than threads.
   */
  private double[] secondsPerCall(Runnable f) {
    long cpu0 = OS.getProcessCpuTime();
    long start = System.nanoTime();
    long end = start + (long) (roundSeconds * 1e9);
    int calls = 0;
    long now;
    do {
      f.run();
      calls++;
      now = System.nanoTime();
    } while (now < end);
    double cores = (OS.getProcessCpuTime() - cpu0) / (double) (now - start);
    return new double[] {(now - start) / 1e9 / calls, cores};
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Refuses to report speed for wrong results: ours must match OpenBLAS's to float accuracy. */
  private static void checkAgree(MemorySegment ours, MemorySegment theirs, long count, int n) {
    double worst = 0;
    for (long i = 0; i < count; i++) {
      float x = ours.getAtIndex(ValueLayout.JAVA_FLOAT, i);
      float y = theirs.getAtIndex(ValueLayout.JAVA_FLOAT, i);
      worst = Math.max(worst, Math.abs(x - y) / (1 + Math.abs(y)));
    }
    // Entries are sums of n products of uniforms in [-1, 1]: |C| ~ sqrt(n/9), float error ~ n·2^-24.
    if (!(worst <= 1e-6 * n + 1e-4)) {
      throw new IllegalStateException("GEMM result differs from OpenBLAS's by " + worst
          + " (relative), k=" + n);
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
