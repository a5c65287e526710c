package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.backend.cuda.Launcher.ptrOrNull;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import dev.mainspring.tensor.ops.Softmax;

/**
 * Masked softmax / log-softmax (one block per row) and Gumbel-softmax (one thread per row) on the
 * device ({@code cuda/softmax.cu}).
 */
final class SoftmaxCuda implements Softmax.Kernels, GumbelSoftmax.Kernels {
  private final Launcher l;

  SoftmaxCuda(Launcher l) {
    this.l = l;
  }

  private static KernelArgs mask(KernelArgs a, Tensor mask, long[] maskStrides, Tensor x) {
    if (mask == null) {
      return Strided.noMask(a);
    }
    Strided s = Strided.of(x.shape(), maskStrides);
    s.shape(a);
    return s.strides(a, 0);
  }

  /** Threads per row block: a warp for short rows, up to 256 for long ones. */
  static int rowBlock(long len) {
    return (int) Math.min(256, Math.max(32, (len + 31) / 32 * 32));
  }

  private int rowGrid(long rows) {
    return (int) Math.min(rows, 65_535L * 8);
  }

  @Override
  public void forward(boolean log, Tensor x, Tensor mask, long[] maskStrides, Tensor out) {
    Launcher.requireF32("softmax", x, mask, out);
    int len = x.dim(-1);
    if (len == 0 || x.numel() == 0) {
      return;
    }
    long rows = x.numel() / len;
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptrOrNull(mask)).ptr(ptr(out)).i32(log ? 1 : 0).i64(rows).i64(len);
    l.launch("softmax", "ms_softmax_forward", rowGrid(rows), rowBlock(len), 0, mask(a, mask, maskStrides, x));
  }

  @Override
  public void backward(boolean log, Tensor out, Tensor mask, long[] maskStrides, Tensor g, Tensor gx) {
    Launcher.requireF32("softmax", out, mask, g, gx);
    int len = out.dim(-1);
    if (len == 0 || out.numel() == 0) {
      return;
    }
    long rows = out.numel() / len;
    KernelArgs a = l.args().ptr(ptr(out)).ptr(ptrOrNull(mask)).ptr(ptr(g)).ptr(ptr(gx)).i32(log ? 1 : 0)
        .i64(rows).i64(len);
    l.launch("softmax", "ms_softmax_backward", rowGrid(rows), rowBlock(len), 0,
        mask(a, mask, maskStrides, out));
  }

  @Override
  public void forward(Tensor logits, Tensor mask, long[] maskStrides, double tau, boolean noise, long seed,
      long offset, Tensor hard, Tensor soft) {
    Launcher.requireF32("gumbelSoftmax", logits, mask, hard, soft);
    int len = logits.dim(-1);
    if (len == 0 || logits.numel() == 0) {
      return;
    }
    long rows = logits.numel() / len;
    KernelArgs a = l.args().ptr(ptr(logits)).ptr(ptrOrNull(mask)).ptr(ptr(hard)).ptr(ptr(soft))
        .f32((float) (1.0 / tau)).i32(noise ? 1 : 0).i64(seed).i64(offset).i64(rows).i64(len);
    l.elementwise("softmax", "ms_gumbel_softmax_forward", rows, mask(a, mask, maskStrides, logits));
  }

  @Override
  public void backward(Tensor soft, Tensor mask, long[] maskStrides, double tau, Tensor g, Tensor gx) {
    Launcher.requireF32("gumbelSoftmax", soft, mask, g, gx);
    int len = soft.dim(-1);
    if (len == 0 || soft.numel() == 0) {
      return;
    }
    long rows = soft.numel() / len;
    KernelArgs a = l.args().ptr(ptr(soft)).ptr(ptrOrNull(mask)).ptr(ptr(g)).ptr(ptr(gx));
    Launcher.f64(a, 1.0 / tau).i64(rows).i64(len);
    l.elementwise("softmax", "ms_gumbel_softmax_backward", rows, mask(a, mask, maskStrides, soft));
  }
}
