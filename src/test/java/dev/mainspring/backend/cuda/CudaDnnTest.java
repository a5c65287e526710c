package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cudnn.CudnnCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cudnn.Cudnn;
import dev.mainspring.bindings.cudnn.CudnnException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cuDNN softmax and activations, forward and backward, against the CPU. Skipped without a GPU. */
class CudaDnnTest {
  private static final int N = 37;
  private static final int C = 19;

  private static GpuSession gpu;
  private static CudnnHandle dnn;

  private static String skip;

  @BeforeAll
  static void open() {
    skip = GpuSession.whyNot();
    if (skip == null && !Cudnn.LIBRARY.isLoaded()) {
      skip = "cuDNN " + Cudnn.LIBRARY.describe();
    }
    if (skip == null) {
      gpu = GpuSession.open();
      dnn = new CudnnHandle(gpu.device);
    }
  }

  @BeforeEach
  void requireGpu() {
    GpuSession.skipUnless(skip);
  }

  @AfterAll
  static void close() {
    if (dnn != null) {
      dnn.close();
    }
    if (gpu != null) {
      gpu.close();
    }
  }

  /** An N×C×1×1 float tensor descriptor, made with the 4-d or the N-d setter. */
  private static MemorySegment tensor(Arena arena, boolean nd) {
    MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
    check(Cudnn.cudnnCreateTensorDescriptor(out), "cudnnCreateTensorDescriptor");
    MemorySegment desc = out.get(ValueLayout.ADDRESS, 0);
    if (nd) {
      MemorySegment dims = arena.allocateFrom(ValueLayout.JAVA_INT, N, C, 1, 1);
      MemorySegment strides = arena.allocateFrom(ValueLayout.JAVA_INT, C, 1, 1, 1);
      check(Cudnn.cudnnSetTensorNdDescriptor(desc, Cudnn.CUDNN_DATA_FLOAT(), 4, dims, strides),
          "cudnnSetTensorNdDescriptor");
    } else {
      check(Cudnn.cudnnSetTensor4dDescriptor(desc, Cudnn.CUDNN_TENSOR_NCHW(), Cudnn.CUDNN_DATA_FLOAT(), N, C, 1, 1),
          "cudnnSetTensor4dDescriptor");
    }
    return desc;
  }

  private static MemorySegment ptr(DeviceBlock b) {
    return MemorySegment.ofAddress(b.pointer());
  }

  /** Absolute tolerances: outputs are at most 1 in size, and cuDNN may use fast exp/tanh (a few ulp). */
  private static void assertClose(double[] expected, float[] actual, double tol, String what) {
    for (int i = 0; i < expected.length; i++) {
      if (!(Math.abs(expected[i] - actual[i]) <= tol)) {
        throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
      }
    }
  }

  @Test
  void softmaxForwardAndBackwardMatchTheCpu() {
    float[] x = GpuSession.uniform(51, N * C, -4, 4);
    float[] dy = GpuSession.uniform(52, N * C, -1, 1);
    double[] y = new double[N * C];
    double[] dx = new double[N * C];
    for (int r = 0; r < N; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < C; j++) {
        max = Math.max(max, x[r * C + j]);
      }
      double sum = 0;
      for (int j = 0; j < C; j++) {
        y[r * C + j] = Math.exp(x[r * C + j] - max);
        sum += y[r * C + j];
      }
      double dot = 0;
      for (int j = 0; j < C; j++) {
        y[r * C + j] /= sum;
        dot += y[r * C + j] * dy[r * C + j];
      }
      for (int j = 0; j < C; j++) {
        dx[r * C + j] = y[r * C + j] * (dy[r * C + j] - dot);
      }
    }
    DeviceBlock dX = gpu.upload(x);
    DeviceBlock dDy = gpu.upload(dy);
    DeviceBlock dY = gpu.allocator.allocate(4L * N * C);
    DeviceBlock dDx = gpu.allocator.allocate(4L * N * C);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment xDesc = tensor(arena, true);
      MemorySegment yDesc = tensor(arena, false);
      MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
      MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);
      check(Cudnn.cudnnSoftmaxForward(dnn.handle(), Cudnn.CUDNN_SOFTMAX_ACCURATE(), Cudnn.CUDNN_SOFTMAX_MODE_CHANNEL(),
          one, xDesc, ptr(dX), zero, yDesc, ptr(dY)), "cudnnSoftmaxForward");
      check(Cudnn.cudnnSoftmaxBackward(dnn.handle(), Cudnn.CUDNN_SOFTMAX_ACCURATE(), Cudnn.CUDNN_SOFTMAX_MODE_CHANNEL(),
          one, yDesc, ptr(dY), yDesc, ptr(dDy), zero, yDesc, ptr(dDx)), "cudnnSoftmaxBackward");
      assertClose(y, gpu.download(dY, N * C), 1e-5, "softmax");
      assertClose(dx, gpu.download(dDx, N * C), 2e-5, "softmax backward");
      check(Cudnn.cudnnDestroyTensorDescriptor(xDesc), "cudnnDestroyTensorDescriptor");
      check(Cudnn.cudnnDestroyTensorDescriptor(yDesc), "cudnnDestroyTensorDescriptor");
    }
    for (DeviceBlock b : new DeviceBlock[] {dX, dDy, dY, dDx}) {
      gpu.allocator.release(b);
    }
  }

  @Test
  void reluTanhAndSigmoidForwardAndBackwardMatchTheCpu() {
    checkActivation(Cudnn.CUDNN_ACTIVATION_RELU(), "relu", v -> Math.max(0, v), (v, yv) -> v > 0 ? 1 : 0);
    checkActivation(Cudnn.CUDNN_ACTIVATION_TANH(), "tanh", Math::tanh, (v, yv) -> 1 - yv * yv);
    checkActivation(Cudnn.CUDNN_ACTIVATION_SIGMOID(), "sigmoid", v -> 1 / (1 + Math.exp(-v)), (v, yv) -> yv * (1 - yv));
  }

  private interface Derivative {
    double at(double x, double y);
  }

  private void checkActivation(int mode, String name, DoubleUnaryOperator f, Derivative df) {
    float[] x = GpuSession.uniform(61 + mode, N * C, -3, 3);
    float[] dy = GpuSession.uniform(71 + mode, N * C, -1, 1);
    double[] y = new double[N * C];
    double[] dx = new double[N * C];
    for (int i = 0; i < x.length; i++) {
      y[i] = f.applyAsDouble(x[i]);
      dx[i] = dy[i] * df.at(x[i], y[i]);
    }
    DeviceBlock dX = gpu.upload(x);
    DeviceBlock dDy = gpu.upload(dy);
    DeviceBlock dY = gpu.allocator.allocate(4L * N * C);
    DeviceBlock dDx = gpu.allocator.allocate(4L * N * C);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment desc = tensor(arena, false);
      MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
      check(Cudnn.cudnnCreateActivationDescriptor(out), "cudnnCreateActivationDescriptor");
      MemorySegment act = out.get(ValueLayout.ADDRESS, 0);
      check(Cudnn.cudnnSetActivationDescriptor(act, mode, Cudnn.CUDNN_NOT_PROPAGATE_NAN(), 0.0),
          "cudnnSetActivationDescriptor");
      MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f);
      MemorySegment zero = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0f);
      check(Cudnn.cudnnActivationForward(dnn.handle(), act, one, desc, ptr(dX), zero, desc, ptr(dY)),
          "cudnnActivationForward");
      check(Cudnn.cudnnActivationBackward(dnn.handle(), act, one, desc, ptr(dY), desc, ptr(dDy), desc, ptr(dX), zero,
          desc, ptr(dDx)), "cudnnActivationBackward");
      assertClose(y, gpu.download(dY, N * C), 2e-5, name);
      assertClose(dx, gpu.download(dDx, N * C), 2e-5, name + " backward");
      check(Cudnn.cudnnDestroyActivationDescriptor(act), "cudnnDestroyActivationDescriptor");
      check(Cudnn.cudnnDestroyTensorDescriptor(desc), "cudnnDestroyTensorDescriptor");
    }
    for (DeviceBlock b : new DeviceBlock[] {dX, dDy, dY, dDx}) {
      gpu.allocator.release(b);
    }
  }

  @Test
  void aBadDescriptorBecomesACudnnExceptionWithCudnnOwnWords() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
      check(Cudnn.cudnnCreateTensorDescriptor(out), "cudnnCreateTensorDescriptor");
      MemorySegment desc = out.get(ValueLayout.ADDRESS, 0);
      CudnnException e = assertThrows(CudnnException.class, () -> check(Cudnn.cudnnSetTensor4dDescriptor(desc,
          Cudnn.CUDNN_TENSOR_NCHW(), Cudnn.CUDNN_DATA_FLOAT(), -1, 1, 1, 1), "cudnnSetTensor4dDescriptor(n=-1)"));
      assertEquals(2, e.status() / 1000, "a BAD_PARAM category status: " + e.status());
      assertTrue(e.statusName().contains("CUDNN_STATUS_BAD_PARAM"), e.statusName());
      assertTrue(e.getMessage().startsWith("cudnnSetTensor4dDescriptor(n=-1) failed: CUDNN_STATUS_BAD_PARAM"),
          e.getMessage());
      check(Cudnn.cudnnDestroyTensorDescriptor(desc), "cudnnDestroyTensorDescriptor");
    }
  }
}
