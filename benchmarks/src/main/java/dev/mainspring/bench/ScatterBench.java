package dev.mainspring.bench;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * GNN message passing on the copying trees of one example: nodes = n·S (50 × 300) rows of d = 64
 * features, one edge per node to a random parent in its tree. Gather (index select) of parent
 * states, scatter-add of messages to parents, and the [n, S, d] → [S, n, d] permute between the
 * sample-major and site-major layouts. On CUDA ({@code -p backend=cuda}) each op ends with a device sync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class ScatterBench {
  /** cpu or cuda ({@code -p backend=cuda}); see {@link BenchDevice}. */
  @Param({"cpu"})
  String backend;

  @Param({"50"})
  int n;

  @Param({"300"})
  int sites;

  @Param({"64"})
  int d;

  private Tensor h;
  private Tensor parent;
  private BenchDevice device;

  @Setup
  public void setup() {
    device = BenchDevice.select(backend);
    Backend b = device.backend();
    SplittableRandom rnd = new SplittableRandom(3);
    int nodes = n * sites;
    double[] hv = new double[nodes * d];
    for (int i = 0; i < hv.length; i++) {
      hv[i] = rnd.nextGaussian();
    }
    int[] pv = new int[nodes];
    for (int s = 0; s < sites; s++) {
      for (int i = 0; i < n; i++) {
        pv[s * n + i] = s * n + (i == 0 ? 0 : rnd.nextInt(i)); // parent j < i in the same site
      }
    }
    h = Tensor.of(b, DType.F32, hv, nodes, d);
    parent = Tensor.of(b, pv, nodes);
  }

  @TearDown
  public void tearDown() {
    h.release();
    parent.release();
  }

  @Benchmark
  public double indexSelect() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long c = F.indexSelect(h, parent).storage().capacity();
      device.sync();
      return c;
    }
  }

  @Benchmark
  public double scatterAdd() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long c = F.scatterAdd(h, parent, n * sites).storage().capacity();
      device.sync();
      return c;
    }
  }

  @Benchmark
  public double permuteSamplesSites() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long c = F.permute(h.view(n, sites, d), 1, 0, 2).storage().capacity();
      device.sync();
      return c;
    }
  }
}
