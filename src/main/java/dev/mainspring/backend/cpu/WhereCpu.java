package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Where;

/** CPU reference for {@link Where}. */
final class WhereCpu implements Where.Kernels {
  private static final long GRAIN = 1 << 14;

  @Override
  public void select(Tensor mask, long[] maskStrides, Tensor x, double fill, Tensor out) {
    CpuBuf mb = CpuBuf.of(mask);
    CpuBuf xb = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    int[] shape = x.shape();
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker w = new Broadcast.Walker(shape, maskStrides, s);
      for (long i = s; i < e; i++, w.next()) {
        o.set(i, mb.get(w.offset()) != 0 ? xb.get(i) : fill);
      }
    });
  }
}
