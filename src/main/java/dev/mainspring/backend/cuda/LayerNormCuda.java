package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.backend.cuda.Launcher.ptrOrNull;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.LayerNorm;

/**
 * {@link LayerNorm} on the device ({@code cuda/layernorm.cu}): a block per row; γ/β gradients from
 * per-chunk double partials combined in order, so they do not depend on scheduling.
 */
final class LayerNormCuda implements LayerNorm.Kernels {
  private static final long CHUNK_ROWS = 128;

  private final Launcher l;

  LayerNormCuda(Launcher l) {
    this.l = l;
  }

  @Override
  public void forward(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor out, Tensor mean, Tensor rstd) {
    Launcher.requireF32("layerNorm", x, gamma, beta, out, mean, rstd);
    int d = x.dim(-1);
    long rows = x.numel() / d;
    if (rows == 0) {
      return;
    }
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(gamma)).ptr(ptr(beta)).ptr(ptr(out)).ptr(ptr(mean))
        .ptr(ptr(rstd));
    Launcher.f64(a, eps).i64(rows).i64(d);
    l.launch("layernorm", "ms_layernorm_forward", (int) Math.min(rows, 1 << 20), SoftmaxCuda.rowBlock(d), 0, a);
  }

  @Override
  public void backward(Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor g, Tensor gx, Tensor gGamma,
      Tensor gBeta) {
    Launcher.requireF32("layerNorm", x, gamma, mean, rstd, g, gx, gGamma, gBeta);
    int d = x.dim(-1);
    long rows = x.numel() / d;
    if (gx != null && rows > 0) {
      l.launch("layernorm", "ms_layernorm_backward_x", (int) Math.min(rows, 1 << 20), SoftmaxCuda.rowBlock(d), 0,
          l.args().ptr(ptr(x)).ptr(ptr(gamma)).ptr(ptr(mean)).ptr(ptr(rstd)).ptr(ptr(g)).ptr(ptr(gx))
              .i64(rows).i64(d));
    }
    if (gGamma == null && gBeta == null) {
      return;
    }
    long chunks = Math.max(1, (rows + CHUNK_ROWS - 1) / CHUNK_ROWS);
    DeviceBlock pg = l.backend().scratch(chunks * d * Double.BYTES);
    DeviceBlock pb = l.backend().scratch(chunks * d * Double.BYTES);
    try {
      if (rows > 0) {
        l.launch("layernorm", "ms_layernorm_backward_params", (int) chunks, SoftmaxCuda.rowBlock(d), 0,
            l.args().ptr(ptr(x)).ptr(ptr(mean)).ptr(ptr(rstd)).ptr(ptr(g)).ptr(pg.pointer()).ptr(pb.pointer())
                .i64(rows).i64(d).i64(CHUNK_ROWS));
      }
      l.elementwise("layernorm", "ms_layernorm_combine", d, l.args().ptr(pg.pointer()).ptr(pb.pointer())
          .ptr(ptrOrNull(gGamma)).ptr(ptrOrNull(gBeta)).i64(rows > 0 ? chunks : 0).i64(d));
    } finally {
      l.backend().release(pg);
      l.backend().release(pb);
    }
  }
}
