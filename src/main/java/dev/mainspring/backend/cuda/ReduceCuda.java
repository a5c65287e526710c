package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Reduce;

/** {@link Reduce} on the device ({@code cuda/reduce.cu}): one thread per output, sums in double. */
final class ReduceCuda implements Reduce.Kernels {
  private final Launcher l;

  ReduceCuda(Launcher l) {
    this.l = l;
  }

  @Override
  public void sum(Tensor x, int outer, int n, int inner, double scale, Tensor out) {
    Launcher.requireF32("sum", x, out);
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(out)).i64(outer).i64(n).i64(inner);
    l.elementwise("reduce", "ms_reduce_sum", (long) outer * inner, Launcher.f64(a, scale));
  }

  @Override
  public void max(Tensor x, int outer, int n, int inner, Tensor out, Tensor argmax) {
    Launcher.requireF32("max", x, out);
    l.elementwise("reduce", "ms_reduce_max", (long) outer * inner,
        l.args().ptr(ptr(x)).ptr(ptr(out)).ptr(ptr(argmax)).i64(outer).i64(n).i64(inner));
  }

  @Override
  public void sumBackward(Tensor g, int outer, int n, int inner, double scale, Tensor gx) {
    Launcher.requireF32("sum", g, gx);
    KernelArgs a = l.args().ptr(ptr(g)).ptr(ptr(gx)).i64(outer).i64(n).i64(inner);
    l.elementwise("reduce", "ms_reduce_sum_backward", (long) outer * n * inner, Launcher.f64(a, scale));
  }

  @Override
  public void maxBackward(Tensor g, Tensor argmax, int outer, int n, int inner, Tensor gx) {
    Launcher.requireF32("max", g, gx);
    l.elementwise("reduce", "ms_reduce_max_backward", (long) outer * n * inner,
        l.args().ptr(ptr(g)).ptr(ptr(argmax)).ptr(ptr(gx)).i64(outer).i64(n).i64(inner));
  }
}
