package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs one computation on the CPU reference and on the CUDA backend from identical inputs and compares
 * values and gradients. Inputs are float data (optionally wanting a gradient) or I32 indices. The
 * output gradient is a fixed random tensor, so every element of every input gradient is exercised.
 *
 * <p>Tolerance: |gpu − cpu| ≤ tol · max(1, |cpu|) per element (relative for large values, absolute
 * near zero), stated per op by the tests.
 */
final class GpuCompare {
  private GpuCompare() {}

  /**
   * Where there is no usable GPU the kernel tests run on {@link HostEmulationRuntime} (the kernel
   * sources compiled for the CPU, played block by block with real thread counts), so every build checks
   * what the kernels compute. {@code -Dmainspring.cuda.emulate=true|false} forces the choice.
   */
  static final boolean EMULATE = chooseEmulation();

  private static boolean chooseEmulation() {
    String forced = System.getProperty("mainspring.cuda.emulate");
    if (forced != null && !forced.isBlank()) {
      return Boolean.parseBoolean(forced);
    }
    return CudaBackend.unavailableReason() != null && HostEmulationRuntime.unavailableReason() == null;
  }

  private static CudaBackend emulated;

  /** Why CUDA kernel tests cannot run here; null when they can (on a GPU, or emulated when asked). */
  static String whyNot() {
    return EMULATE ? HostEmulationRuntime.unavailableReason() : CudaBackend.unavailableReason();
  }

  /** Why tests that need a real GPU (cuBLAS, cuDNN, the process-wide backend) cannot run; null when they can. */
  static String whyNoRealGpu() {
    return EMULATE ? "emulated run: no GPU" : CudaBackend.unavailableReason();
  }

  static void skipUnless(String reason) {
    assumeTrue(reason == null, reason);
  }

  static synchronized Backend gpu() {
    if (EMULATE) {
      if (emulated == null) {
        emulated = new CudaBackend(new HostEmulationRuntime());
      }
      return emulated;
    }
    return CudaBackend.shared();
  }

  /** One input of a compared computation. */
  record In(float[] f, int[] i, int[] shape, boolean grad) {
    static In data(float[] v, int... shape) {
      return new In(v, null, shape, true);
    }

    static In constant(float[] v, int... shape) {
      return new In(v, null, shape, false);
    }

    static In indices(int[] v, int... shape) {
      return new In(null, v, shape, false);
    }

    Tensor on(Backend b) {
      if (i != null) {
        return Tensor.of(b, i, shape);
      }
      Tensor t = Tensor.of(b, f, shape);
      return grad ? t.requiresGrad(true) : t;
    }
  }

  /** Values of the output and the gradients of the inputs that want one, on one backend. */
  record Result(float[] out, List<float[]> grads) {}

  static Result run(Backend b, Function<List<Tensor>, Tensor> f, long seed, boolean backward, In... ins) {
    try (Scope s = Scope.open()) {
      List<Tensor> ts = new ArrayList<>();
      for (In in : ins) {
        ts.add(in.on(b));
      }
      Tensor out = f.apply(ts);
      float[] values = out.toFloatArray();
      List<float[]> grads = new ArrayList<>();
      if (backward && out.requiresGrad()) {
        float[] w = uniform(seed ^ 0x5eed, (int) out.numel(), -1, 1);
        Autograd.backward(out, Tensor.of(b, w, out.shape()));
        for (int k = 0; k < ins.length; k++) {
          if (ins[k].grad()) {
            Tensor g = ts.get(k).grad();
            grads.add(g == null ? new float[(int) ts.get(k).numel()] : g.toFloatArray());
            ts.get(k).clearGrad();
          }
        }
      }
      return new Result(values, grads);
    }
  }

  /** Compares values and (when {@code backward}) gradients of {@code f} on both backends. */
  static void compare(String what, double tol, boolean backward, Function<List<Tensor>, Tensor> f, In... ins) {
    Result cpu = run(Backends.cpu(), f, 1, backward, ins);
    Result cuda = run(gpu(), f, 1, backward, ins);
    assertClose(what + " values", cpu.out(), cuda.out(), tol);
    for (int k = 0; k < cpu.grads().size(); k++) {
      assertClose(what + " gradient of input " + k, cpu.grads().get(k), cuda.grads().get(k), tol);
    }
  }

  static void assertClose(String what, float[] expected, float[] actual, double tol) {
    if (expected.length != actual.length) {
      throw new AssertionError(what + ": length " + actual.length + ", expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      double a = actual[i];
      if (Double.isNaN(e) && Double.isNaN(a) || e == a) {
        continue;
      }
      double err = Math.abs(a - e);
      if (!(err <= tol * Math.max(1.0, Math.abs(e)))) {
        throw new AssertionError(what + ": element " + i + " is " + a + " on cuda, " + e + " on cpu (error "
            + err + ", tolerance " + tol + " relative)");
      }
    }
  }

  static float[] uniform(long seed, int n, double lo, double hi) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (lo + (hi - lo) * rng.nextDouble());
    }
    return v;
  }

  /** A 0/1 mask with about {@code validFraction} ones. */
  static float[] mask(long seed, int n, double validFraction) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble() < validFraction ? 1f : 0f;
    }
    return v;
  }

  static int[] ints(long seed, int n, int bound) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextInt(bound);
    }
    return v;
  }

  static int numel(int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    return n;
  }
}
