package dev.mainspring.cli;

import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.backend.cpu.VectorSupport;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.ComposedAttention;
import dev.mainspring.tensor.ops.SampleAttention;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times the fused attention ops (forward, and forward+backward) against the same computation
 * composed from generic ops over explicit masked scores ({@link ComposedAttention}), measured in
 * the same run. The composed baseline's memory grows with batch·n·S²; where its measured
 * per-example footprint times the batch exceeds half the machine's memory, it is skipped and the
 * record says so.
 */
@Command(
    name = "attention",
    mixinStandardHelpOptions = true,
    description = "Fused band and sample attention (fwd, fwd+bwd) vs the same computation "
        + "composed from generic ops; one JSON object per measurement.")
final class AttentionBenchCommand implements Callable<Integer> {
  @Option(names = "--samples", defaultValue = "50", description = "n, rows (default ${DEFAULT-VALUE})")
  int samples;

  @Option(names = "--sites", defaultValue = "300", description = "S (default ${DEFAULT-VALUE})")
  int sites;

  @Option(names = "--width", defaultValue = "64", description = "d (default ${DEFAULT-VALUE})")
  int width;

  @Option(names = "--heads", defaultValue = "4", description = "heads (default ${DEFAULT-VALUE})")
  int heads;

  @Option(names = "--window", defaultValue = "64",
      description = "band half-width w (default ${DEFAULT-VALUE})")
  int window;

  @Option(names = "--batch", split = ",", defaultValue = "1,16",
      description = "batch sizes, comma-separated (default ${DEFAULT-VALUE})")
  int[] batches;

  @Option(names = "--op", split = ",", defaultValue = "band,sample",
      description = "which ops: band, sample (default ${DEFAULT-VALUE})")
  String[] ops;

  @Option(names = "--reps", defaultValue = "5",
      description = "timed repetitions; the median is reported (default ${DEFAULT-VALUE})")
  int reps;

  // Ten: the kernels reach steady speed (C2 code, both pool threads engaged) after ~6–12 calls.
  @Option(names = "--warmup", defaultValue = "10",
      description = "untimed repetitions first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--baseline-reps", defaultValue = "3",
      description = "timed repetitions of the (slow) composed baseline, after one untimed "
          + "(default ${DEFAULT-VALUE})")
  int baselineReps;

  @Option(names = "--no-baseline", description = "skip the composed baseline")
  boolean noBaseline;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Backend backend = Backends.cpu();

  @Override
  public Integer call() throws Exception {
    validate();
    err().printf("bench attention: cpu, %d threads, %s inner loops (vector api %s)%n",
        Parallel.threads(), VectorSupport.available() ? "vector" : "scalar",
        VectorSupport.describe());
    for (String op : ops) {
      Workload work = op.equals("band") ? new Band() : new Sample();
      long bytesPerExample = noBaseline ? 0 : work.baselineBytesPerExample();
      for (int batch : batches) {
        run(work, batch, bytesPerExample);
      }
    }
    return 0;
  }

  private void validate() {
    for (String op : ops) {
      if (!op.equals("band") && !op.equals("sample")) {
        throw new UserError("--op: unknown op '" + op + "'; choose band or sample");
      }
    }
    if (samples < 1 || sites < 1 || width < 1 || heads < 1 || window < 0 || reps < 1
        || warmup < 0 || baselineReps < 1) {
      throw new UserError("--samples, --sites, --width, --heads, --reps and --baseline-reps must "
          + "be positive, --window and --warmup non-negative");
    }
    if (width % heads != 0) {
      throw new UserError("--width " + width + " is not divisible by --heads " + heads);
    }
    for (int b : batches) {
      if (b < 1) {
        throw new UserError("--batch sizes must be positive, got " + b);
      }
    }
  }

  /** One op under test: fresh inputs per batch size, the fused and the composed forward. */
  private abstract class Workload {
    Tensor q;
    Tensor k;
    Tensor v;
    Tensor mask;
    Tensor seed;

    abstract String name();

    abstract Tensor fused();

    abstract Tensor composed();

    abstract Tensor[] params();

    abstract void describe(Map<String, Object> rec);

    void inputs(int batch) {
      release();
      SplittableRandom rnd = new SplittableRandom(batch * 7919L + name().hashCode());
      int[] sh = {batch, samples, sites, width};
      q = random(rnd, sh).requiresGrad(true);
      k = random(rnd, sh).requiresGrad(true);
      v = random(rnd, sh).requiresGrad(true);
      seed = random(rnd, sh);
      mask = Tensor.full(backend, DType.F32, 1.0, batch, sites); // every site valid
    }

    void release() {
      for (Tensor t : new Tensor[] {q, k, v, mask, seed}) {
        if (t != null) {
          t.release();
        }
      }
    }

    /** Off-heap bytes the composed forward+backward holds at its peak, per example (batch 1). */
    long baselineBytesPerExample() {
      inputs(1);
      long before = backend.memoryStats().bytesInUse();
      long used;
      try (Scope s = Scope.open()) {
        Autograd.backward(composed(), seed);
        used = backend.memoryStats().bytesInUse() - before;
      }
      clearGrads();
      return used;
    }

    void clearGrads() {
      for (Tensor t : params()) {
        t.clearGrad();
      }
    }
  }

  private final class Band extends Workload {
    Tensor pos;
    Tensor a;

    @Override
    String name() {
      return "band";
    }

    @Override
    void inputs(int batch) {
      super.inputs(batch);
      SplittableRandom rnd = new SplittableRandom(batch);
      double[] p = new double[batch * sites];
      for (int b = 0; b < batch; b++) {
        double x = 0;
        for (int l = 0; l < sites; l++) {
          x += 2 * rnd.nextDouble(); // rho·s·Δp of order one
          p[b * sites + l] = x;
        }
      }
      pos = Tensor.of(backend, DType.F32, p, batch, sites);
      a = Tensor.zeros(backend, DType.F32, heads).requiresGrad(true);
    }

    @Override
    void release() {
      super.release();
      for (Tensor t : new Tensor[] {pos, a}) {
        if (t != null) {
          t.release();
        }
      }
    }

    @Override
    Tensor fused() {
      return BandAttention.apply(q, k, v, pos, a, mask, heads, window);
    }

    @Override
    Tensor composed() {
      return ComposedAttention.band(q, k, v, pos, a, mask, heads, window);
    }

    @Override
    Tensor[] params() {
      return new Tensor[] {q, k, v, a};
    }

    @Override
    void describe(Map<String, Object> rec) {
      rec.put("w", window);
    }
  }

  private final class Sample extends Workload {
    @Override
    String name() {
      return "sample";
    }

    @Override
    Tensor fused() {
      return SampleAttention.apply(q, k, v, mask, heads, false);
    }

    @Override
    Tensor composed() {
      return ComposedAttention.sample(q, k, v, mask, heads, false);
    }

    @Override
    Tensor[] params() {
      return new Tensor[] {q, k, v};
    }

    @Override
    void describe(Map<String, Object> rec) {
      rec.put("causal", false);
    }
  }

  private Tensor random(SplittableRandom rnd, int[] shape) {
    double[] x = new double[Math.toIntExact(Arrays.stream(shape).asLongStream()
        .reduce(1, (p, s) -> p * s))];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble(-1, 1);
    }
    return Tensor.of(backend, DType.F32, x, shape);
  }

  private void run(Workload work, int batch, long bytesPerExample) throws Exception {
    work.inputs(batch);
    err().printf("  %s batch %d: fused ...%n", work.name(), batch);
    Timing fusedFwd = measure(() -> forwardOnly(work, true), warmup, reps);
    Timing fusedBoth = measure(() -> forwardBackward(work, true), warmup, reps);
    Timing baseFwd = null;
    Timing baseBoth = null;
    String skipped = null;
    if (noBaseline) {
      skipped = "--no-baseline";
    } else {
      long need = bytesPerExample * batch;
      long budget = physicalMemory() / 2;
      if (need > budget) {
        skipped = String.format("composed baseline would hold ~%.1f GiB (measured %.0f MiB per "
            + "example at batch 1), over the %.1f GiB budget (half of physical memory)",
            need / 1073741824.0, bytesPerExample / 1048576.0, budget / 1073741824.0);
      } else {
        err().printf("  %s batch %d: composed baseline (~%.1f GiB) ...%n", work.name(), batch,
            need / 1073741824.0);
        baseFwd = measure(() -> forwardOnly(work, false), 1, baselineReps);
        baseBoth = measure(() -> forwardBackward(work, false), 1, baselineReps);
      }
    }
    emit(work, batch, "fwd", fusedFwd, baseFwd, skipped);
    emit(work, batch, "fwd+bwd", fusedBoth, baseBoth, skipped);
    work.release();
  }

  private static void forwardOnly(Workload work, boolean fused) {
    try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
      if (fused) {
        work.fused();
      } else {
        work.composed();
      }
    }
  }

  private static void forwardBackward(Workload work, boolean fused) {
    try (Scope s = Scope.open()) {
      Autograd.backward(fused ? work.fused() : work.composed(), work.seed);
    }
    work.clearGrads();
  }

  /**
   * Median and minimum wall time and median CPU time per run, the CPU time summed over the JVM's
   * Java threads (the caller and the kernel worker pool; not GC or JIT). On a shared machine the
   * CPU time and the minimum are the steadier numbers: other processes stretch wall time.
   */
  private record Timing(double wallMs, double wallMinMs, double cpuMs) {}

  private static Timing measure(Runnable body, int warmup, int reps) {
    for (int i = 0; i < warmup; i++) {
      body.run();
    }
    double[] wall = new double[reps];
    double[] cpu = new double[reps];
    for (int i = 0; i < reps; i++) {
      long c0 = javaThreadsCpuNanos();
      long t0 = System.nanoTime();
      body.run();
      wall[i] = (System.nanoTime() - t0) / 1e6;
      cpu[i] = (javaThreadsCpuNanos() - c0) / 1e6;
    }
    return new Timing(median(wall), Arrays.stream(wall).min().orElse(Double.NaN), median(cpu));
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
  }

  private static long javaThreadsCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : mx.getAllThreadIds()) {
      sum += Math.max(0, mx.getThreadCpuTime(id)); // −1 for a thread that just ended
    }
    return sum;
  }

  private void emit(Workload work, int batch, String pass, Timing fused, Timing base,
      String skipped) throws Exception {
    double value = fused.wallMs();
    double baseline = base == null ? Double.NaN : base.wallMs();
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("bench", "attention");
    rec.put("op", work.name());
    rec.put("n", samples);
    rec.put("S", sites);
    rec.put("d", width);
    rec.put("heads", heads);
    work.describe(rec);
    rec.put("batch", batch);
    rec.put("pass", pass);
    rec.put("value", BenchRecords.round3(value));
    rec.put("unit", "ms");
    rec.put("baseline", "naive-composed");
    rec.put("baseline_value", Double.isNaN(baseline) ? null : BenchRecords.round3(baseline));
    if (!Double.isNaN(baseline) && value > 0) {
      rec.put("speedup", BenchRecords.round3(baseline / value));
    }
    if (skipped != null) {
      rec.put("baseline_skipped", skipped);
    }
    rec.put("wall_min_ms", BenchRecords.round3(fused.wallMinMs()));
    rec.put("cpu_ms", BenchRecords.round3(fused.cpuMs()));
    if (base != null) {
      rec.put("baseline_cpu_ms", BenchRecords.round3(base.cpuMs()));
    }
    rec.put("cpu_path", VectorSupport.available() ? "vector" : "scalar");
    rec.put("threads", Parallel.threads());
    rec.put("reps", reps);
    if (!Double.isNaN(baseline)) {
      rec.put("baseline_reps", baselineReps);
    }
    BenchRecords.print(spec, rec);
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }


  private static long physicalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return Runtime.getRuntime().maxMemory();
  }
}
