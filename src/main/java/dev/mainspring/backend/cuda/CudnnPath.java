package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.bindings.cudnn.CudnnCheck.check;

import dev.mainspring.bindings.cudnn.Cudnn;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Softmax;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * cuDNN as an alternative to our own kernels for unmasked softmax / log-softmax and for the sigmoid,
 * tanh and ReLU activations, forward and backward. {@code -Dmainspring.cudnn=off|on|auto}: off uses
 * our kernels only, on uses cuDNN wherever it applies, auto (the default) times both the first time a
 * shape is seen (three runs each with CUDA events, one synchronisation) and keeps the faster for that
 * shape. Masked softmax and every other function always take our kernels.
 */
final class CudnnPath implements Softmax.Kernels, Elementwise.Kernels {
  enum Mode { OFF, ON, AUTO }

  /** One measured decision. */
  record Choice(String op, long rows, long len, float oursMs, float cudnnMs, boolean useCudnn) {}

  private final CudaBackend backend;
  private final Softmax.Kernels ourSoftmax;
  private final Elementwise.Kernels ourElementwise;
  private final Mode mode;
  private final Map<String, Choice> choices = new ConcurrentHashMap<>();
  private final Arena arena = Arena.ofAuto();
  private final MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
  private final MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);

  CudnnPath(CudaBackend backend, Softmax.Kernels ourSoftmax, Elementwise.Kernels ourElementwise, Mode mode) {
    this.backend = backend;
    this.ourSoftmax = ourSoftmax;
    this.ourElementwise = ourElementwise;
    this.mode = mode;
  }

  /** The mode asked for with {@code -Dmainspring.cudnn}; OFF when cuDNN does not load here. */
  static Mode configuredMode() {
    String v = System.getProperty("mainspring.cudnn", "auto").toUpperCase(Locale.ROOT);
    Mode m;
    try {
      m = Mode.valueOf(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-Dmainspring.cudnn must be off, on or auto, got " + v);
    }
    return m != Mode.OFF && !Cudnn.LIBRARY.isLoaded() ? Mode.OFF : m;
  }

  /** The decisions made so far (for benchmarks and logs). */
  Map<String, Choice> choices() {
    return Map.copyOf(choices);
  }

  private static int activation(Elementwise.Fn fn) {
    return switch (fn) {
      case SIGMOID -> Cudnn.CUDNN_ACTIVATION_SIGMOID();
      case TANH -> Cudnn.CUDNN_ACTIVATION_TANH();
      case RELU -> Cudnn.CUDNN_ACTIVATION_RELU();
      default -> -1;
    };
  }

  private boolean useCudnn(String op, long rows, long len, Runnable ours, Runnable cudnn) {
    if (mode == Mode.OFF) {
      return false;
    }
    if (mode == Mode.ON) {
      return true;
    }
    String key = op + "/" + rows + "x" + len;
    Choice c = choices.get(key);
    if (c == null) {
      float o = time(ours);
      float d = time(cudnn);
      c = new Choice(op, rows, len, o, d, d < o);
      choices.put(key, c);
    }
    return c.useCudnn();
  }

  private float time(Runnable r) {
    r.run(); // warm-up: module loads, cuDNN's own first-call setup
    try (EventTimer t = new EventTimer(backend.device())) {
      t.start();
      for (int i = 0; i < 3; i++) {
        r.run();
      }
      return t.stopMillis() / 3;
    }
  }

  // ---- softmax ----------------------------------------------------------------------------------

  @Override
  public void forward(boolean log, Tensor x, Tensor mask, long[] maskStrides, Tensor out) {
    int len = x.dim(-1);
    long rows = len == 0 ? 0 : x.numel() / len;
    Runnable ours = () -> ourSoftmax.forward(log, x, mask, maskStrides, out);
    if (mask != null || rows == 0 || rows > Integer.MAX_VALUE) {
      ours.run();
      return;
    }
    Runnable dnn = () -> softmaxForward(log, x, out, (int) rows, len);
    (useCudnn(log ? "logSoftmax" : "softmax", rows, len, ours, dnn) ? dnn : ours).run();
  }

  @Override
  public void backward(boolean log, Tensor out, Tensor mask, long[] maskStrides, Tensor g, Tensor gx) {
    int len = out.dim(-1);
    long rows = len == 0 ? 0 : out.numel() / len;
    Runnable ours = () -> ourSoftmax.backward(log, out, mask, maskStrides, g, gx);
    if (mask != null || rows == 0 || rows > Integer.MAX_VALUE) {
      ours.run();
      return;
    }
    Runnable dnn = () -> softmaxBackward(log, out, g, gx, (int) rows, len);
    (useCudnn(log ? "logSoftmaxBackward" : "softmaxBackward", rows, len, ours, dnn) ? dnn : ours).run();
  }

  private void softmaxForward(boolean log, Tensor x, Tensor out, int rows, int len) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment desc = descriptor(a, rows, len);
      try {
        check(Cudnn.cudnnSoftmaxForward(backend.cudnn().handle(), algo(log), Cudnn.CUDNN_SOFTMAX_MODE_CHANNEL(), one,
            desc, address(x), zero, desc, address(out)), "cudnnSoftmaxForward");
      } finally {
        Cudnn.cudnnDestroyTensorDescriptor(desc);
      }
    }
  }

  private void softmaxBackward(boolean log, Tensor y, Tensor g, Tensor gx, int rows, int len) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment desc = descriptor(a, rows, len);
      try {
        check(Cudnn.cudnnSoftmaxBackward(backend.cudnn().handle(), algo(log), Cudnn.CUDNN_SOFTMAX_MODE_CHANNEL(), one,
            desc, address(y), desc, address(g), zero, desc, address(gx)), "cudnnSoftmaxBackward");
      } finally {
        Cudnn.cudnnDestroyTensorDescriptor(desc);
      }
    }
  }

  private static int algo(boolean log) {
    return log ? Cudnn.CUDNN_SOFTMAX_LOG() : Cudnn.CUDNN_SOFTMAX_ACCURATE();
  }

  // ---- activations --------------------------------------------------------------------------------

  @Override
  public void forward(Elementwise.Fn fn, Tensor x, Tensor out) {
    int act = activation(fn);
    long n = x.numel();
    Runnable ours = () -> ourElementwise.forward(fn, x, out);
    if (act < 0 || n == 0 || n > Integer.MAX_VALUE) {
      ours.run();
      return;
    }
    Runnable dnn = () -> activationForward(act, x, out, (int) n);
    (useCudnn(fn.name().toLowerCase(Locale.ROOT), n, 1, ours, dnn) ? dnn : ours).run();
  }

  @Override
  public void backward(Elementwise.Fn fn, Tensor x, Tensor out, Tensor g, Tensor gx) {
    int act = activation(fn);
    long n = x.numel();
    Runnable ours = () -> ourElementwise.backward(fn, x, out, g, gx);
    if (act < 0 || n == 0 || n > Integer.MAX_VALUE) {
      ours.run();
      return;
    }
    Runnable dnn = () -> activationBackward(act, x, out, g, gx, (int) n);
    (useCudnn(fn.name().toLowerCase(Locale.ROOT) + "Backward", n, 1, ours, dnn) ? dnn : ours).run();
  }

  private void activationForward(int mode, Tensor x, Tensor out, int n) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment desc = descriptor(a, n, 1);
      MemorySegment act = activationDescriptor(a, mode);
      try {
        check(Cudnn.cudnnActivationForward(backend.cudnn().handle(), act, one, desc, address(x), zero, desc,
            address(out)), "cudnnActivationForward");
      } finally {
        Cudnn.cudnnDestroyActivationDescriptor(act);
        Cudnn.cudnnDestroyTensorDescriptor(desc);
      }
    }
  }

  private void activationBackward(int mode, Tensor x, Tensor y, Tensor g, Tensor gx, int n) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment desc = descriptor(a, n, 1);
      MemorySegment act = activationDescriptor(a, mode);
      try {
        check(Cudnn.cudnnActivationBackward(backend.cudnn().handle(), act, one, desc, address(y), desc, address(g),
            desc, address(x), zero, desc, address(gx)), "cudnnActivationBackward");
      } finally {
        Cudnn.cudnnDestroyActivationDescriptor(act);
        Cudnn.cudnnDestroyTensorDescriptor(desc);
      }
    }
  }

  private static MemorySegment address(Tensor t) {
    return MemorySegment.ofAddress(ptr(t));
  }

  /** An N×C×1×1 float descriptor (softmax over C per row). */
  private static MemorySegment descriptor(Arena a, int n, int c) {
    MemorySegment out = a.allocate(ValueLayout.ADDRESS);
    check(Cudnn.cudnnCreateTensorDescriptor(out), "cudnnCreateTensorDescriptor");
    MemorySegment desc = out.get(ValueLayout.ADDRESS, 0);
    check(Cudnn.cudnnSetTensor4dDescriptor(desc, Cudnn.CUDNN_TENSOR_NCHW(), Cudnn.CUDNN_DATA_FLOAT(), n, c, 1, 1),
        "cudnnSetTensor4dDescriptor(" + n + "×" + c + ")");
    return desc;
  }

  private static MemorySegment activationDescriptor(Arena a, int mode) {
    MemorySegment out = a.allocate(ValueLayout.ADDRESS);
    check(Cudnn.cudnnCreateActivationDescriptor(out), "cudnnCreateActivationDescriptor");
    MemorySegment act = out.get(ValueLayout.ADDRESS, 0);
    check(Cudnn.cudnnSetActivationDescriptor(act, mode, Cudnn.CUDNN_NOT_PROPAGATE_NAN(), 0.0),
        "cudnnSetActivationDescriptor");
    return act;
  }
}
