package dev.mainspring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.HudsonSimulator;
import dev.mainspring.sim.RateMap;
import dev.mainspring.sim.Seeds;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench sim}: simulator speed at issue 3's two settings (N = 1e4, mu = 1.25e-8,
 * rho = 1e-8; 50 genomes over 100 kb and 100 genomes over 1 Mb). Per setting: the median time per
 * example of the ancestry alone and of the full training example (mutations, genotypes and all
 * targets), examples per second with 1 and 2 worker threads, and heap bytes allocated per example
 * (ThreadMXBean). The baseline is msprime 1.4.2's C core as quoted in issue 3 (measured on the
 * same machine type; msprime cannot be installed here, so it is not re-measured in the run).
 * Timing rows also give the median thread CPU time ({@code cpu_value}) and the system load
 * average, because on a shared machine wall time includes waiting for a core.
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Simulator speed per example and throughput, against msprime's C core (issue 3).")
final class BenchSimCommand implements Callable<Integer> {
  private static final String BASELINE = "msprime-1.4.2-C (issue 3, same machine type)";

  @Option(names = "--seconds", description = "Measuring time per measurement (default: ${DEFAULT-VALUE}).")
  double seconds = 3;

  @Option(names = "--warmup", description = "Warm-up time per setting in seconds (default: ${DEFAULT-VALUE}).")
  double warmup = 3;

  @Option(names = "--quick", description = "Only the 50-genome setting, briefly (for tests).")
  boolean quick;

  @Spec CommandSpec spec;

  private final ObjectMapper json = new ObjectMapper();

  private record Setting(int samples, double length, double ancestryBaseline, double fullBaseline) {}

  @Override
  public Integer call() throws Exception {
    List<Setting> settings = new ArrayList<>(List.of(new Setting(50, 1e5, 0.66, 0.93)));
    if (!quick) {
      settings.add(new Setting(100, 1e6, 13.8, 18.2));
    } else {
      seconds = Math.min(seconds, 0.3);
      warmup = Math.min(warmup, 0.3);
    }
    for (Setting s : settings) {
      ExampleSimulator.Config config =
          ExampleSimulator.Config.fixed(s.samples, s.length, 1.25e-8, 1e-8, Demography.constant(1e4));
      HudsonSimulator ancestry = new HudsonSimulator();
      Demography d = Demography.constant(1e4);
      RateMap map = RateMap.uniform(s.length, 1e-8);
      int[] perDeme = {s.samples};
      ExampleSimulator full = new ExampleSimulator(config);
      Runnable[] work = {
          counter(k -> ancestry.simulate(perDeme, d, map, Seeds.rng(Seeds.example(1, k)))),
          counter(k -> full.simulate(1, k))};
      String[] parts = {"ancestry", "full"};
      double[] baselines = {s.ancestryBaseline, s.fullBaseline};
      spec.commandLine().getErr().printf(Locale.ROOT, "bench sim: %d genomes, %.0f bp: warming up%n", s.samples,
          s.length);
      runFor(work[0], warmup / 2);
      runFor(work[1], warmup / 2);
      for (int p = 0; p < 2; p++) {
        double[][] times = timeEach(work[p], seconds);
        double[] ms = times[0];
        Map<String, Object> row = row(s, parts[p], 1);
        row.put("value", BenchRecords.round3(median(ms)));
        row.put("unit", "ms/example");
        row.put("stat", "median of " + ms.length);
        row.put("cpu_value", BenchRecords.round3(median(times[1])));
        row.put("baseline", BASELINE);
        row.put("baseline_value", baselines[p]);
        row.put("ratio_vs_baseline", BenchRecords.round3(median(ms) / baselines[p]));
        print(row);
      }
      for (int p = 0; p < 2; p++) {
        Map<String, Object> row = row(s, parts[p], 1);
        row.put("value", allocatedBytesPerCall(work[p], Math.max(20, (int) (seconds * 1000 / s.fullBaseline / 4))));
        row.put("unit", "bytes/example");
        print(row);
      }
      for (int threads = 1; threads <= 2; threads++) {
        Map<String, Object> row = row(s, "full", threads);
        row.put("value", BenchRecords.round3(throughput(config, threads, seconds)));
        row.put("unit", "examples/s");
        row.put("baseline", BASELINE + ", 1 thread, 1/median");
        row.put("baseline_value", BenchRecords.round3(1000 / s.fullBaseline));
        print(row);
      }
    }
    return 0;
  }

  private interface Step {
    void run(long k);
  }

  /** A runnable that runs example 0, 1, 2, ... on successive calls. */
  private static Runnable counter(Step step) {
    long[] k = {0};
    return () -> step.run(k[0]++);
  }

  private Map<String, Object> row(Setting s, String part, int threads) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("bench", "sim");
    row.put("samples", s.samples);
    row.put("length", (long) s.length);
    row.put("part", part);
    row.put("threads", threads);
    return row;
  }

  private void print(Map<String, Object> row) throws Exception {
    row.put("load_average", BenchRecords.round3(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    var out = spec.commandLine().getOut();
    out.println(json.writeValueAsString(row));
    out.flush();
  }

  private static void runFor(Runnable r, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    do {
      r.run();
    } while (System.nanoTime() < end);
  }

  /** Wall and thread-CPU milliseconds of each call, for at least {@code seconds}. */
  private static double[][] timeEach(Runnable r, double seconds) {
    var bean = ManagementFactory.getThreadMXBean();
    double[] ms = new double[1024];
    double[] cpu = new double[1024];
    int count = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    do {
      long c0 = bean.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      r.run();
      long t1 = System.nanoTime();
      long c1 = bean.getCurrentThreadCpuTime();
      if (count == ms.length) {
        ms = Arrays.copyOf(ms, 2 * count);
        cpu = Arrays.copyOf(cpu, 2 * count);
      }
      ms[count] = (t1 - t0) / 1e6;
      cpu[count++] = (c1 - c0) / 1e6;
    } while (System.nanoTime() < end || count < 5);
    return new double[][] {Arrays.copyOf(ms, count), Arrays.copyOf(cpu, count)};
  }

  private static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  private static long allocatedBytesPerCall(Runnable r, int calls) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().threadId();
    long before = bean.getThreadAllocatedBytes(id);
    for (int i = 0; i < calls; i++) {
      r.run();
    }
    return (bean.getThreadAllocatedBytes(id) - before) / calls;
  }

  /** Full examples per second with {@code threads} workers, one simulator each, for {@code seconds}. */
  private static double throughput(ExampleSimulator.Config config, int threads, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicBoolean stop = new AtomicBoolean();
    try {
      List<Future<long[]>> results = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        int worker = w;
        results.add(pool.submit(() -> {
          ExampleSimulator sim = new ExampleSimulator(config);
          runFor(() -> sim.simulate(7, worker), 0.5); // warm this thread's simulator
          long count = 0;
          long t0 = System.nanoTime();
          while (!stop.get()) {
            sim.simulate(9, worker + (long) threads * count++);
          }
          return new long[] {count, System.nanoTime() - t0};
        }));
      }
      Thread.sleep((long) ((seconds + 0.5) * 1000));
      stop.set(true);
      double rate = 0;
      for (Future<long[]> f : results) {
        long[] r = f.get();
        rate += r[0] / (r[1] / 1e9);
      }
      return rate;
    } finally {
      pool.shutdownNow();
    }
  }

}
