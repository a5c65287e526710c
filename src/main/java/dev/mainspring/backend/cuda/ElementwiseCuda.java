package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Clamp;
import dev.mainspring.tensor.ops.Elementwise;

/**
 * {@link Elementwise} and {@link Clamp} on the device ({@code cuda/elementwise.cu}): the math of
 * {@code ElementwiseMath} in double, one rounding to float at the end, as on the CPU.
 */
final class ElementwiseCuda implements Elementwise.Kernels, Clamp.Kernels {
  private final Launcher l;

  ElementwiseCuda(Launcher l) {
    this.l = l;
  }

  @Override
  public void forward(Elementwise.Fn fn, Tensor x, Tensor out) {
    Launcher.requireF32(fn.name().toLowerCase(java.util.Locale.ROOT), x, out);
    long n = x.numel();
    l.elementwise("elementwise", "ms_elementwise_forward", n,
        l.args().ptr(ptr(x)).ptr(ptr(out)).i32(fn.ordinal()).i64(n));
  }

  @Override
  public void backward(Elementwise.Fn fn, Tensor x, Tensor out, Tensor g, Tensor gx) {
    Launcher.requireF32(fn.name().toLowerCase(java.util.Locale.ROOT), x, out, g, gx);
    long n = x.numel();
    l.elementwise("elementwise", "ms_elementwise_backward", n,
        l.args().ptr(ptr(x)).ptr(ptr(out)).ptr(ptr(g)).ptr(ptr(gx)).i32(fn.ordinal()).i64(n));
  }

  @Override
  public void forward(Tensor x, double lo, double hi, Tensor out) {
    Launcher.requireF32("clamp", x, out);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(out));
    Launcher.f64(Launcher.f64(a, lo), hi).i64(n);
    l.elementwise("elementwise", "ms_clamp_forward", n, a);
  }

  @Override
  public void backward(Tensor x, double lo, double hi, Tensor g, Tensor gx) {
    Launcher.requireF32("clamp", x, g, gx);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(g)).ptr(ptr(gx));
    Launcher.f64(Launcher.f64(a, lo), hi).i64(n);
    l.elementwise("elementwise", "ms_clamp_backward", n, a);
  }
}
