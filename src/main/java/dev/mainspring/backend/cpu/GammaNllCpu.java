package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.ElementwiseMath;
import dev.mainspring.tensor.ops.GammaNll;

/** CPU reference for {@link GammaNll}, in double whatever the dtype; masked entries are skipped. */
final class GammaNllCpu implements GammaNll.Kernels {
  private static final long GRAIN = 1 << 12;

  @Override
  public void forward(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides,
      Tensor out) {
    CpuBuf xb = CpuBuf.of(x);
    CpuBuf ab = CpuBuf.of(alpha);
    CpuBuf bb = CpuBuf.of(beta);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf o = CpuBuf.of(out);
    int[] shape = x.shape();
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker w = mb == null ? null : new Broadcast.Walker(shape, maskStrides, s);
      for (long i = s; i < e; i++) {
        double v = 0.0;
        if (mb == null || mb.get(w.offset()) != 0) {
          double a = ab.get(i);
          double b = bb.get(i);
          double t = xb.get(i);
          v = -(a * Math.log(b) + (a - 1) * Math.log(t) - b * t - ElementwiseMath.lgamma(a));
        }
        o.set(i, v);
        if (w != null) {
          w.next();
        }
      }
    });
  }

  @Override
  public void backward(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides,
      Tensor g, Tensor gAlpha, Tensor gBeta) {
    CpuBuf xb = CpuBuf.of(x);
    CpuBuf ab = CpuBuf.of(alpha);
    CpuBuf bb = CpuBuf.of(beta);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf oa = CpuBuf.ofNullable(gAlpha);
    CpuBuf ob = CpuBuf.ofNullable(gBeta);
    int[] shape = x.shape();
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker w = mb == null ? null : new Broadcast.Walker(shape, maskStrides, s);
      for (long i = s; i < e; i++) {
        double da = 0.0;
        double db = 0.0;
        if (mb == null || mb.get(w.offset()) != 0) {
          double a = ab.get(i);
          double b = bb.get(i);
          double t = xb.get(i);
          double gi = gb.get(i);
          da = gi * (ElementwiseMath.digamma(a) - Math.log(b) - Math.log(t));
          db = gi * (t - a / b);
        }
        if (oa != null) {
          oa.set(i, da);
        }
        if (ob != null) {
          ob.set(i, db);
        }
        if (w != null) {
          w.next();
        }
      }
    });
  }
}
