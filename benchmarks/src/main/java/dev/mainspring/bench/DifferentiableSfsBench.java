package dev.mainspring.bench;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.DifferentiableSfs;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The differentiable SFS on the CPU backend (or CUDA, {@code -p backend=cuda}) at the base preset's shape (B = 16, n = 50), forward
 * and forward + backward, F32, with threaded random trees. {@code naiveForward} is the obvious
 * implementation (leaf counts by walking up from every leaf, O(n·depth) per site) as a baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class DifferentiableSfsBench {
  /** cpu or cuda ({@code -p backend=cuda}); see {@link BenchDevice}. */
  @Param({"cpu"})
  public String backend;

  @Param({"16"})
  public int batch;

  @Param({"50"})
  public int samples;

  @Param({"300", "2000"})
  public int sites;

  private int[] parentsHost;
  private float[] timesHost;
  private float[] spanHost;
  private Tensor parents;
  private Tensor times;
  private Tensor span;
  private Tensor seed;
  private BenchDevice device;

  @Setup(Level.Trial)
  public void setup() {
    device = BenchDevice.select(backend);
    int n = samples;
    int nodes = 2 * n - 1;
    SplittableRandom rnd = new SplittableRandom(1);
    parentsHost = new int[batch * sites * nodes];
    timesHost = new float[batch * n * sites];
    spanHost = new float[batch * sites];
    for (int b = 0; b < batch; b++) {
      for (int l = 0; l < sites; l++) {
        double[] t = new double[n];
        int[] target = new int[n];
        for (int i = 1; i < n; i++) {
          t[i] = rnd.nextDouble(0.01, 4.0);
          target[i] = rnd.nextInt(i);
          timesHost[(b * n + i) * sites + l] = (float) t[i];
        }
        System.arraycopy(thread(target, t), 0, parentsHost, (b * sites + l) * nodes, nodes);
        spanHost[b * sites + l] = (float) rnd.nextDouble(50, 500);
      }
    }
    Backend b = device.backend();
    parents = Tensor.of(b, parentsHost, batch, sites, nodes);
    times = Tensor.of(b, timesHost, batch, n, sites).requiresGrad(true);
    span = Tensor.of(b, spanHost, batch, sites);
    seed = Tensor.full(b, DType.F32, 1.0, batch, n - 1);
  }

  /** The threading rule of MODEL.md ("Building the ARG"), as the tests' helper writes it. */
  static int[] thread(int[] target, double[] t) {
    int n = target.length;
    int[] parent = new int[2 * n - 1];
    java.util.Arrays.fill(parent, -1);
    for (int i = 1; i < n; i++) {
      int u = n - 1 + i;
      int v = target[i];
      while (parent[v] != -1) {
        int p = parent[v];
        double tp = p < n ? 0 : t[p - n + 1];
        if (tp > t[i] || tp == t[i] && p > u) {
          break;
        }
        v = p;
      }
      parent[u] = parent[v];
      parent[v] = u;
      parent[i] = u;
    }
    return parent;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    times.clearGrad();
    parents.release();
    times.release();
    span.release();
    seed.release();
  }

  @Benchmark
  public void forward(Blackhole bh) {
    try (Scope s = Scope.open(); var ng = dev.mainspring.tensor.Tape.noGrad()) {
      // The download waits for the device: the end-of-op sync on cuda.
      bh.consume(DifferentiableSfs.apply(parents, times, span, 1.25e-8).toFloatArray());
    }
  }

  @Benchmark
  public void forwardBackward(Blackhole bh) {
    try (Scope s = Scope.open()) {
      Tensor out = DifferentiableSfs.apply(parents, times, span, 1.25e-8);
      Autograd.backward(out, seed);
      bh.consume(times.grad());
      times.clearGrad();
      device.sync();
    }
  }

  /** Host code whatever the backend: the baseline measured in the same run. */
  @Benchmark
  public double naiveForward() {
    int n = samples;
    int nodes = 2 * n - 1;
    double[] sfs = new double[batch * (n - 1)];
    int[] leaves = new int[nodes];
    for (int b = 0; b < batch; b++) {
      for (int l = 0; l < sites; l++) {
        int base = (b * sites + l) * nodes;
        java.util.Arrays.fill(leaves, 0);
        for (int leaf = 0; leaf < n; leaf++) {
          for (int v = leaf; v != -1; v = parentsHost[base + v]) {
            leaves[v]++;
          }
        }
        double w = 1.25e-8 * spanHost[b * sites + l];
        for (int v = 0; v < nodes; v++) {
          int p = parentsHost[base + v];
          int k = leaves[v];
          if (p >= 0 && k < n) {
            double tp = timesHost[(b * n + p - n + 1) * sites + l];
            double tc = v < n ? 0 : timesHost[(b * n + v - n + 1) * sites + l];
            sfs[b * (n - 1) + k - 1] += w * (tp - tc);
          }
        }
      }
    }
    return sfs[0];
  }
}
