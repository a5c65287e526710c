package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BceWithLogits;
import dev.mainspring.tensor.ops.ElementwiseMath;

/** CPU reference for {@link BceWithLogits}, in double whatever the dtype. */
final class BceWithLogitsCpu implements BceWithLogits.Kernels {
  private static final long GRAIN = 1 << 13;

  @Override
  public void forward(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides, Tensor out) {
    CpuBuf zb = CpuBuf.of(logits);
    CpuBuf yb = CpuBuf.of(targets);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf o = CpuBuf.of(out);
    int[] shape = logits.shape();
    Parallel.range(logits.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker w = mb == null ? null : new Broadcast.Walker(shape, maskStrides, s);
      for (long i = s; i < e; i++) {
        double v = 0.0;
        if (mb == null || mb.get(w.offset()) != 0) {
          double z = zb.get(i);
          v = Math.max(z, 0.0) - z * yb.get(i) + Math.log1p(Math.exp(-Math.abs(z)));
        }
        o.set(i, v);
        if (w != null) {
          w.next();
        }
      }
    });
  }

  @Override
  public void backward(Tensor logits, Tensor targets, Tensor mask, long[] maskStrides, Tensor g,
      Tensor gLogits, Tensor gTargets) {
    CpuBuf zb = CpuBuf.of(logits);
    CpuBuf yb = CpuBuf.of(targets);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf oz = CpuBuf.ofNullable(gLogits);
    CpuBuf oy = CpuBuf.ofNullable(gTargets);
    int[] shape = logits.shape();
    Parallel.range(logits.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker w = mb == null ? null : new Broadcast.Walker(shape, maskStrides, s);
      for (long i = s; i < e; i++) {
        double dz = 0.0;
        double dy = 0.0;
        if (mb == null || mb.get(w.offset()) != 0) {
          double z = zb.get(i);
          double gi = gb.get(i);
          dz = gi * (ElementwiseMath.sigmoid(z) - yb.get(i));
          dy = -gi * z;
        }
        if (oz != null) {
          oz.set(i, dz);
        }
        if (oy != null) {
          oy.set(i, dy);
        }
        if (w != null) {
          w.next();
        }
      }
    });
  }
}
