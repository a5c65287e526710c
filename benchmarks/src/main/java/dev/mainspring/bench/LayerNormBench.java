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
 * LayerNorm over d features of every (sample, site) token: rows = n·S (base preset: 50 × 300),
 * d = 64. Forward alone, and forward + backward with gradients for x, γ and β. On CUDA
 * ({@code -p backend=cuda -p dtype=F32}: the device runs F32 only) each op ends with a device sync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED"})
public class LayerNormBench {
  /** cpu or cuda ({@code -p backend=cuda}); see {@link BenchDevice}. */
  @Param({"cpu"})
  String backend;

  @Param({"15000"})
  int rows;

  @Param({"64"})
  int d;

  @Param({"F32", "F64"})
  DType dtype;

  private Tensor x;
  private Tensor gamma;
  private Tensor beta;
  private Tensor grad;
  private BenchDevice device;

  @Setup
  public void setup() {
    device = BenchDevice.select(backend);
    device.requireSupported(dtype);
    Backend b = device.backend();
    SplittableRandom rnd = new SplittableRandom(2);
    double[] xv = new double[rows * d];
    for (int i = 0; i < xv.length; i++) {
      xv[i] = rnd.nextGaussian() * 3 + 1;
    }
    x = Tensor.of(b, dtype, xv, rows, d).requiresGrad(true);
    gamma = Tensor.full(b, dtype, 1.0, d).requiresGrad(true);
    beta = Tensor.zeros(b, dtype, d).requiresGrad(true);
    grad = Tensor.of(b, dtype, xv, rows, d);
  }

  @TearDown
  public void tearDown() {
    for (Tensor t : new Tensor[] {x, gamma, beta, grad}) {
      t.release();
    }
  }

  @Benchmark
  public double forward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open();
        Tape.NoGrad ng = Tape.noGrad()) {
      long n = F.layerNorm(x, gamma, beta, 1e-5).storage().capacity();
      device.sync();
      return n;
    }
  }

  @Benchmark
  public void forwardBackward() {
    try (dev.mainspring.tensor.Scope s = dev.mainspring.tensor.Scope.open()) {
      Autograd.backward(F.layerNorm(x, gamma, beta, 1e-5), grad);
      x.clearGrad();
      gamma.clearGrad();
      beta.clearGrad();
      device.sync();
    }
  }
}
