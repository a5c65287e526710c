package dev.mainspring.bench;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Reduce;
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
 * The fused affine-coupling transform on the CPU backend (or CUDA, {@code -p backend=cuda}), F32: rows = 16 is a training batch
 * (K/2 = 16 of the flow's 32 coordinates), rows = 16000 is posterior sampling (1000 draws for each
 * of 16 datasets). {@code unfusedForwardBackward} builds the same transform from generic ops
 * (tanh, exp, mul, add, sum) as the baseline the fusion is meant to beat.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
public class AffineCouplingBench {
  /** cpu or cuda ({@code -p backend=cuda}); see {@link BenchDevice}. */
  @Param({"cpu"})
  public String backend;

  @Param({"16", "16000"})
  public int rows;

  @Param({"16"})
  public int cols;

  private Tensor x;
  private Tensor shift;
  private Tensor raw;
  private BenchDevice device;

  @Setup(Level.Trial)
  public void setup() {
    device = BenchDevice.select(backend);
    SplittableRandom rnd = new SplittableRandom(3);
    x = tensor(rnd);
    shift = tensor(rnd);
    raw = tensor(rnd);
  }

  private Tensor tensor(SplittableRandom rnd) {
    double[] v = new double[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextDouble(-2, 2);
    }
    return Tensor.of(device.backend(), DType.F32, v, rows, cols).requiresGrad(true);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    for (Tensor t : new Tensor[] {x, shift, raw}) {
      t.clearGrad();
      t.release();
    }
  }

  // Every op here ends by reading a value back to the host; on cuda that download waits for the
  // device's queued kernels, so it is the end-of-op sync (no BenchDevice.sync needed).

  @Benchmark
  public float forward() {
    try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
      return (float) AffineCoupling.forward(x, shift, raw).logdet().toFloatArray()[0];
    }
  }

  @Benchmark
  public float inverse() {
    try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
      return (float) AffineCoupling.inverse(x, shift, raw).logdet().toFloatArray()[0];
    }
  }

  @Benchmark
  public float forwardBackward() {
    try (Scope s = Scope.open()) {
      AffineCoupling.Result r = AffineCoupling.forward(x, shift, raw);
      Autograd.backward(Reduce.sumAll(Arith.add(Reduce.sum(r.out(), 1, false), r.logdet())));
      float g = raw.grad().toFloatArray()[0];
      clear();
      return g;
    }
  }

  @Benchmark
  public float unfusedForwardBackward() {
    try (Scope s = Scope.open()) {
      Tensor ls = Arith.scale(Elementwise.tanh(Arith.scale(raw, 0.5)), 2.0);
      Tensor z = Arith.add(Arith.mul(x, Elementwise.exp(ls)), shift);
      Tensor logdet = Reduce.sum(ls, 1, false);
      Autograd.backward(Reduce.sumAll(Arith.add(Reduce.sum(z, 1, false), logdet)));
      float g = raw.grad().toFloatArray()[0];
      clear();
      return g;
    }
  }

  private void clear() {
    x.clearGrad();
    shift.clearGrad();
    raw.clearGrad();
  }
}
