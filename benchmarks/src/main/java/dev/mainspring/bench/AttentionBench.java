package dev.mainspring.bench;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.ComposedAttention;
import dev.mainspring.tensor.ops.SampleAttention;
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
 * The fused attention ops (and, with {@code -p impl=composed}, the same computation composed from
 * generic ops) at the encoder's base shape: n=50, S=300, d=64, 4 heads, w=64, every site valid.
 * The scalar inner loops run with {@code -jvmArgsAppend -Dmainspring.scalar=true}.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar Attention -p impl=fused -f 1 -wi 3 -i 5
 *   java -jar benchmarks/target/benchmarks.jar Attention -p backend=cuda -p impl=fused -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class AttentionBench {
  /** cpu or cuda ({@code -p backend=cuda}); see {@link BenchDevice}. */
  @Param({"cpu"})
  public String backend;

  @Param({"band", "sample"})
  public String op;

  @Param({"fused", "composed"})
  public String impl;

  @Param({"1"})
  public int batch;

  @Param({"50"})
  public int samples;

  @Param({"300"})
  public int sites;

  @Param({"64"})
  public int width;

  @Param({"4"})
  public int heads;

  @Param({"64"})
  public int window;

  private Tensor q;
  private Tensor k;
  private Tensor v;
  private Tensor pos;
  private Tensor a;
  private Tensor mask;
  private Tensor seed;
  private BenchDevice device;

  @Setup(Level.Trial)
  public void setUp() {
    device = BenchDevice.select(backend);
    Backend b = device.backend();
    SplittableRandom rnd = new SplittableRandom(42);
    int[] shape = {batch, samples, sites, width};
    q = random(b, rnd, shape).requiresGrad(true);
    k = random(b, rnd, shape).requiresGrad(true);
    v = random(b, rnd, shape).requiresGrad(true);
    seed = random(b, rnd, shape);
    double[] p = new double[batch * sites];
    for (int i = 0; i < p.length; i++) {
      p[i] = (i % sites) * 1.0 + rnd.nextDouble();
    }
    pos = Tensor.of(b, DType.F32, p, batch, sites);
    a = Tensor.zeros(b, DType.F32, heads).requiresGrad(true);
    mask = Tensor.full(b, DType.F32, 1.0, batch, sites);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (Tensor t : new Tensor[] {q, k, v, pos, a, mask, seed}) {
      t.release();
    }
  }

  private static Tensor random(Backend b, SplittableRandom rnd, int[] shape) {
    double[] x = new double[shape[0] * shape[1] * shape[2] * shape[3]];
    for (int i = 0; i < x.length; i++) {
      x[i] = rnd.nextDouble(-1, 1);
    }
    return Tensor.of(b, DType.F32, x, shape);
  }

  private Tensor attend() {
    boolean fused = impl.equals("fused");
    if (op.equals("band")) {
      return fused ? BandAttention.apply(q, k, v, pos, a, mask, heads, window)
          : ComposedAttention.band(q, k, v, pos, a, mask, heads, window);
    }
    return fused ? SampleAttention.apply(q, k, v, mask, heads, false)
        : ComposedAttention.sample(q, k, v, mask, heads, false);
  }

  @Benchmark
  public double forward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long n = attend().numel();
      device.sync();
      return n;
    }
  }

  @Benchmark
  public double forwardBackward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open()) {
      Autograd.backward(attend(), seed);
    }
    for (Tensor t : new Tensor[] {q, k, v, a}) {
      t.clearGrad();
    }
    device.sync();
    return q.numel();
  }
}
