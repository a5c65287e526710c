package dev.mainspring.bench;

import dev.mainspring.tensor.Autograd;
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
 * Masked softmax over the last axis, the decoder's copying probabilities: rows = S·n, len = n
 * candidate targets (base preset: S = 300, n = 50), with ~20% of entries masked. Also the
 * Gumbel-softmax sample over the same logits. F32 runs the fast path; F64 the reference kernel.
 * On CUDA ({@code -p backend=cuda -p dtype=F32}: the device runs F32 only) each op ends with a device sync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class SoftmaxBench {
  /** cpu or cuda ({@code -p backend=cuda}); see {@link BenchDevice}. */
  @Param({"cpu"})
  String backend;

  @Param({"15000"})
  int rows;

  @Param({"50", "300"})
  int len;

  @Param({"F32", "F64"})
  DType dtype;

  private Tensor x;
  private Tensor mask;
  private Tensor grad;
  private BenchDevice device;

  @Setup
  public void setup() {
    device = BenchDevice.select(backend);
    device.requireSupported(dtype);
    Backend b = device.backend();
    SplittableRandom rnd = new SplittableRandom(1);
    double[] xv = new double[rows * len];
    double[] mv = new double[rows * len];
    for (int i = 0; i < xv.length; i++) {
      xv[i] = rnd.nextGaussian();
      mv[i] = rnd.nextDouble() < 0.8 ? 1 : 0;
    }
    x = Tensor.of(b, dtype, xv, rows, len).requiresGrad(true);
    mask = Tensor.of(b, dtype, mv, rows, len);
    grad = Tensor.of(b, dtype, xv, rows, len);
  }

  @TearDown
  public void tearDown() {
    x.release();
    mask.release();
    grad.release();
  }

  @Benchmark
  public double softmaxForward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long n = F.softmax(x, mask).storage().capacity();
      device.sync();
      return n;
    }
  }

  @Benchmark
  public void softmaxForwardBackward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open()) {
      Autograd.backward(F.softmax(x, mask), grad);
      x.clearGrad();
      device.sync();
    }
  }

  @Benchmark
  public void logSoftmaxForwardBackward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open()) {
      Autograd.backward(F.logSoftmax(x, mask), grad);
      x.clearGrad();
      device.sync();
    }
  }

  @Benchmark
  public double gumbelSoftmaxForward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long n = F.gumbelSoftmax(x, mask, 0.5, 7, 11).hard().storage().capacity();
      device.sync();
      return n;
    }
  }
}
