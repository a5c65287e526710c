package dev.mainspring.cli;

import dev.mainspring.backend.cuda.CudaBackend;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times each kernel family on the CUDA backend, with the CPU backend measured in the same run as the
 * baseline. Records are keyed by kernel, pass and a shape string that benchmarks/torch_kernels.py
 * prints too, so the PyTorch numbers from the same GPU can be joined to these.
 */
@Command(
    name = "kernels",
    mixinStandardHelpOptions = true,
    description = "Each kernel on CUDA vs the CPU backend (same run); one JSON object per measurement.")
final class KernelBenchCommand implements Callable<Integer> {
  @Option(names = "--reps", defaultValue = "10", description = "timed GPU repetitions, median reported "
      + "(default ${DEFAULT-VALUE})")
  int reps;

  @Option(names = "--cpu-reps", defaultValue = "2", description = "timed CPU repetitions after one untimed "
      + "(default ${DEFAULT-VALUE}); 0 skips the CPU baseline")
  int cpuReps;

  @Option(names = "--kernel", split = ",", description = "only these kernels (default all): band_attention, scatter_add, sfs, flow_coupling, softmax, "
      + "layernorm, gemm")
  List<String> only;

  @Option(names = "--quick", description = "small shapes (a smoke run, e.g. on a machine without a GPU)")
  boolean quick;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;


  /** One timed body on one backend: inputs are made by {@code setup}, in a scope held around the timing. */
  private record Work(String kernel, String pass, String shape, Function<Backend, Runnable> setup) {}

  @Override
  public Integer call() throws Exception {
    if (reps < 1 || cpuReps < 0) {
      throw new UserError("--reps must be positive and --cpu-reps non-negative");
    }
    String why = CudaBackend.unavailableReason();
    Backend gpu = why == null ? CudaBackend.shared() : null;
    Backend cpu = Backends.cpu();
    String device = why == null ? CudaBackend.describeDevice() : "none (" + why + ")";
    err().println("bench kernels: cuda " + device);
    if (gpu == null && cpuReps == 0) {
      throw new UserError("no usable GPU here (" + why + ") and --cpu-reps 0: nothing to measure");
    }
    List<Work> all = workloads();
    if (only != null) {
      for (String k : only) {
        if (all.stream().noneMatch(w -> w.kernel().equals(k))) {
          throw new UserError("--kernel: unknown kernel '" + k + "'; choose from "
              + all.stream().map(Work::kernel).distinct().toList());
        }
      }
    }
    for (Work w : all) {
      if (only != null && !only.contains(w.kernel())) {
        continue;
      }
      err().printf("  %s %s %s%n", w.kernel(), w.pass(), w.shape());
      double gpuMs = gpu == null ? Double.NaN : time(gpu, w, 2, reps);
      double cpuMs = cpuReps == 0 ? Double.NaN : time(cpu, w, 1, cpuReps);
      emit(w, gpu == null ? "cpu" : "cuda", device, gpu == null ? cpuMs : gpuMs, gpu == null ? Double.NaN : cpuMs);
    }
    return 0;
  }

  private static double time(Backend b, Work w, int warmup, int reps) {
    try (Scope inputs = Scope.open()) {
      Runnable body = w.setup().apply(b);
      for (int i = 0; i < warmup; i++) {
        body.run();
      }
      b.synchronize();
      double[] ms = new double[reps];
      for (int i = 0; i < reps; i++) {
        long t0 = System.nanoTime();
        body.run();
        b.synchronize();
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
      Arrays.sort(ms);
      return reps % 2 == 1 ? ms[reps / 2] : 0.5 * (ms[reps / 2 - 1] + ms[reps / 2]);
    }
  }

  private List<Work> workloads() {
    List<Work> list = new ArrayList<>();
    int n = quick ? 8 : 50;
    for (int sites : quick ? new int[] {40} : new int[] {300, 2000}) {
      String shape = "n=" + n + ",S=" + sites + ",d=64,heads=4,w=64,batch=1";
      for (boolean backward : new boolean[] {false, true}) {
        list.add(new Work("band_attention", backward ? "fwd+bwd" : "fwd", shape,
            b -> bandAttention(b, n, sites, backward)));
      }
    }
    int edges = quick ? 4000 : 200_000;
    int targets = quick ? 500 : 20_000;
    list.add(new Work("scatter_add", "fwd", "E=" + edges + ",row=64,targets=" + targets,
        b -> scatterAdd(b, edges, 64, targets)));
    int batch = quick ? 2 : 16;
    int sfsSites = quick ? 30 : 300;
    list.add(new Work("sfs", "fwd+bwd", "B=" + batch + ",n=" + n + ",S=" + sfsSites,
        b -> sfs(b, batch, n, sfsSites)));
    int rows = quick ? 1024 : 65_536;
    list.add(new Work("flow_coupling", "fwd+bwd", "rows=" + rows + ",cols=32", b -> coupling(b, rows, 32)));
    int smRows = quick ? 512 : 65_536;
    list.add(new Work("softmax", "fwd+bwd", "rows=" + smRows + ",len=300", b -> softmax(b, smRows, 300)));
    int lnRows = quick ? 2048 : 240_000;
    list.add(new Work("layernorm", "fwd+bwd", "rows=" + lnRows + ",d=64", b -> layerNorm(b, lnRows, 64)));
    int gm = quick ? 2048 : 240_000;
    list.add(new Work("gemm", "fwd", "m=" + gm + ",k=64,n=256", b -> gemm(b, gm, 64, 256)));
    return list;
  }

  // ---- workloads ----------------------------------------------------------------------------------

  private static Tensor uniform(Backend b, long seed, double lo, double hi, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[Math.toIntExact(Arrays.stream(shape).asLongStream().reduce(1, (x, y) -> x * y))];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }
    return Tensor.of(b, v, shape);
  }

  /** Runs {@code f} forward only, or forward and backward from a fixed output gradient. */
  private static Runnable pass(boolean backward, Tensor seed, Tensor[] leaves, java.util.function.Supplier<Tensor> f) {
    if (!backward) {
      return () -> {
        try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
          f.get();
        }
      };
    }
    return () -> {
      try (Scope s = Scope.open()) {
        Autograd.backward(f.get(), seed);
      }
      for (Tensor t : leaves) {
        t.clearGrad();
      }
    };
  }

  private static Runnable bandAttention(Backend b, int n, int sites, boolean backward) {
    int[] sh = {1, n, sites, 64};
    Tensor q = uniform(b, 1, -1, 1, sh).requiresGrad(true);
    Tensor k = uniform(b, 2, -1, 1, sh).requiresGrad(true);
    Tensor v = uniform(b, 3, -1, 1, sh).requiresGrad(true);
    Tensor seed = uniform(b, 4, -1, 1, sh);
    float[] p = new float[sites];
    for (int l = 1; l < sites; l++) {
      p[l] = p[l - 1] + 0.1f;
    }
    Tensor pos = Tensor.of(b, p, 1, sites);
    Tensor a = Tensor.zeros(b, DType.F32, 4).requiresGrad(true);
    Tensor mask = Tensor.full(b, DType.F32, 1.0, 1, sites);
    return pass(backward, seed, new Tensor[] {q, k, v, a},
        () -> BandAttention.apply(q, k, v, pos, a, mask, 4, 64));
  }

  private static Runnable scatterAdd(Backend b, int edges, int row, int targets) {
    Tensor src = uniform(b, 5, -1, 1, edges, row);
    SplittableRandom rng = new SplittableRandom(6);
    int[] idx = new int[edges];
    for (int i = 0; i < edges; i++) {
      idx[i] = rng.nextInt(targets);
    }
    Tensor ix = Tensor.of(b, idx, edges);
    return pass(false, null, new Tensor[0], () -> F.scatterAdd(src, ix, targets));
  }

  private static Runnable sfs(Backend b, int batch, int n, int sites) {
    SplittableRandom rng = new SplittableRandom(7);
    int nodes = 2 * n - 1;
    int[] parents = new int[batch * sites * nodes];
    float[] times = new float[batch * n * sites];
    for (int e = 0; e < batch * sites; e++) {
      int[] active = new int[n];
      for (int i = 0; i < n; i++) {
        active[i] = i;
      }
      int live = n;
      float t = 0;
      int bb = e / sites;
      int l = e % sites;
      for (int u = n; u < nodes; u++) {
        int x = rng.nextInt(live);
        int c1 = active[x];
        active[x] = active[--live];
        int y = rng.nextInt(live);
        parents[e * nodes + c1] = u;
        parents[e * nodes + active[y]] = u;
        active[y] = u;
        t += (float) rng.nextDouble();
        times[(bb * n + (u - n + 1)) * sites + l] = t;
      }
      parents[e * nodes + nodes - 1] = -1;
    }
    Tensor par = Tensor.of(b, parents, batch, sites, nodes);
    Tensor tm = Tensor.of(b, times, batch, n, sites).requiresGrad(true);
    Tensor span = Tensor.full(b, DType.F32, 1.0, batch, sites);
    Tensor seed = uniform(b, 8, -1, 1, batch, n - 1);
    return pass(true, seed, new Tensor[] {tm}, () -> DifferentiableSfs.apply(par, tm, span, 1e-3));
  }

  private static Runnable coupling(Backend b, int rows, int cols) {
    Tensor x = uniform(b, 9, -2, 2, rows, cols).requiresGrad(true);
    Tensor shift = uniform(b, 10, -1, 1, rows, cols).requiresGrad(true);
    Tensor raw = uniform(b, 11, -3, 3, rows, cols).requiresGrad(true);
    Tensor seed = uniform(b, 12, -1, 1, rows, cols);
    return pass(true, seed, new Tensor[] {x, shift, raw}, () -> AffineCoupling.forward(x, shift, raw).out());
  }

  private static Runnable softmax(Backend b, int rows, int len) {
    Tensor x = uniform(b, 13, -4, 4, rows, len).requiresGrad(true);
    Tensor seed = uniform(b, 14, -1, 1, rows, len);
    return pass(true, seed, new Tensor[] {x}, () -> F.softmax(x));
  }

  private static Runnable layerNorm(Backend b, int rows, int d) {
    Tensor x = uniform(b, 15, -3, 3, rows, d).requiresGrad(true);
    Tensor gamma = uniform(b, 16, 0.5, 1.5, d).requiresGrad(true);
    Tensor beta = uniform(b, 17, -0.5, 0.5, d).requiresGrad(true);
    Tensor seed = uniform(b, 18, -1, 1, rows, d);
    return pass(true, seed, new Tensor[] {x, gamma, beta}, () -> F.layerNorm(x, gamma, beta, 1e-5));
  }

  private static Runnable gemm(Backend b, int m, int k, int n) {
    Tensor x = uniform(b, 19, -1, 1, m, k);
    Tensor w = uniform(b, 20, -1, 1, k, n);
    return pass(false, null, new Tensor[0], () -> F.matmul(x, w));
  }

  // ---- output -------------------------------------------------------------------------------------

  private void emit(Work w, String backend, String device, double ms, double baselineMs) throws Exception {
    Map<String, Object> rec = new LinkedHashMap<>();
    rec.put("bench", "kernels");
    rec.put("kernel", w.kernel());
    rec.put("pass", w.pass());
    rec.put("shape", w.shape());
    rec.put("backend", backend);
    rec.put("device", device);
    rec.put("value", BenchRecords.round3(ms));
    rec.put("unit", "ms");
    rec.put("baseline", Double.isNaN(baselineMs) ? null : "cpu");
    rec.put("baseline_value", Double.isNaN(baselineMs) ? null : BenchRecords.round3(baselineMs));
    if (!Double.isNaN(baselineMs) && ms > 0) {
      rec.put("speedup", BenchRecords.round3(baselineMs / ms));
    }
    rec.put("reps", backend.equals("cuda") ? reps : cpuReps);
    BenchRecords.print(spec, rec);
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }

}
