package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.backend.cuda.Launcher.ptrOrNull;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BceWithLogits;
import dev.mainspring.tensor.ops.Dropout;
import dev.mainspring.tensor.ops.GammaNll;
import dev.mainspring.tensor.ops.MinMax;
import dev.mainspring.tensor.ops.Where;

/**
 * The element-wise families that read a broadcast operand or mask ({@code cuda/elementwise.cu}):
 * where, minimum/maximum, BCE with logits, the gamma NLL, and Philox dropout.
 */
final class MaskedCuda implements Where.Kernels, MinMax.Kernels, BceWithLogits.Kernels, GammaNll.Kernels,
    Dropout.Kernels {
  private final Launcher l;

  MaskedCuda(Launcher l) {
    this.l = l;
  }

  /** Appends the mask's coalesced layout over {@code x}'s shape (any layout when there is no mask). */
  private static KernelArgs mask(KernelArgs a, Tensor mask, long[] maskStrides, Tensor x) {
    if (mask == null) {
      return Strided.noMask(a);
    }
    Strided s = Strided.of(x.shape(), maskStrides);
    s.shape(a);
    return s.strides(a, 0);
  }

  @Override
  public void select(Tensor mask, long[] maskStrides, Tensor x, double fill, Tensor out) {
    Launcher.requireF32("where", mask, x, out);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(mask)).ptr(ptr(x)).ptr(ptr(out)).f32((float) fill).i64(n);
    l.elementwise("elementwise", "ms_where", n, mask(a, mask, maskStrides, x));
  }

  @Override
  public void forward(MinMax.Kind kind, Tensor a, long[] aStrides, Tensor b, long[] bStrides, Tensor out) {
    Launcher.requireF32("minmax", a, b, out);
    long n = out.numel();
    Strided s = Strided.of(out.shape(), aStrides, bStrides);
    KernelArgs args = l.args().ptr(ptr(a)).ptr(ptr(b)).ptr(ptr(out)).i32(kind.ordinal()).i64(n);
    s.shape(args);
    s.strides(args, 0);
    s.strides(args, 1);
    l.elementwise("elementwise", "ms_minmax_forward", n, args);
  }

  @Override
  public void backward(MinMax.Kind kind, Tensor a, long[] aStrides, Tensor b, long[] bStrides, Tensor g,
      Tensor ga, Tensor gb) {
    Launcher.requireF32("minmax", a, b, g, ga, gb);
    long n = g.numel();
    Strided s = Strided.of(g.shape(), aStrides, bStrides);
    KernelArgs args = l.args().ptr(ptr(a)).ptr(ptr(b)).ptr(ptr(g)).ptr(ptrOrNull(ga)).ptr(ptrOrNull(gb))
        .i32(kind.ordinal()).i64(n);
    s.shape(args);
    s.strides(args, 0);
    s.strides(args, 1);
    l.elementwise("elementwise", "ms_minmax_backward", n, args);
  }

  @Override
  public void forward(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides, Tensor out) {
    Launcher.requireF32("bceWithLogits", logits, targets, mask, out);
    long n = logits.numel();
    KernelArgs a = l.args().ptr(ptr(logits)).ptr(ptr(targets)).ptr(ptrOrNull(mask)).ptr(ptr(out)).i64(n);
    l.elementwise("elementwise", "ms_bce_forward", n, mask(a, mask, maskStrides, logits));
  }

  @Override
  public void backward(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides, Tensor g,
      Tensor gLogits, Tensor gTargets) {
    Launcher.requireF32("bceWithLogits", logits, targets, mask, g, gLogits, gTargets);
    long n = logits.numel();
    KernelArgs a = l.args().ptr(ptr(logits)).ptr(ptr(targets)).ptr(ptrOrNull(mask)).ptr(ptr(g))
        .ptr(ptrOrNull(gLogits)).ptr(ptrOrNull(gTargets)).i64(n);
    l.elementwise("elementwise", "ms_bce_backward", n, mask(a, mask, maskStrides, logits));
  }

  @Override
  public void forward(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides, Tensor out) {
    Launcher.requireF32("gammaNll", x, alpha, beta, mask, out);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(alpha)).ptr(ptr(beta)).ptr(ptrOrNull(mask)).ptr(ptr(out))
        .i64(n);
    l.elementwise("elementwise", "ms_gamma_nll_forward", n, mask(a, mask, maskStrides, x));
  }

  @Override
  public void backward(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides, Tensor g,
      Tensor gAlpha, Tensor gBeta) {
    Launcher.requireF32("gammaNll", x, alpha, beta, mask, g, gAlpha, gBeta);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(alpha)).ptr(ptr(beta)).ptr(ptrOrNull(mask)).ptr(ptr(g))
        .ptr(ptrOrNull(gAlpha)).ptr(ptrOrNull(gBeta)).i64(n);
    l.elementwise("elementwise", "ms_gamma_nll_backward", n, mask(a, mask, maskStrides, x));
  }

  @Override
  public void apply(Tensor in, double p, long seed, long offset, Tensor out) {
    Launcher.requireF32("dropout", in, out);
    long n = in.numel();
    KernelArgs a = l.args().ptr(ptr(in)).ptr(ptr(out));
    Launcher.f64(a, p).f32((float) (1.0 / (1.0 - p))).i64(seed).i64(offset).i64(n);
    l.elementwise("elementwise", "ms_dropout", n, a);
  }
}
