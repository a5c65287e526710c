package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.ElementwiseMath;

/** CPU reference for {@link Elementwise}: the scalar math of {@link ElementwiseMath}, in parallel. */
final class ElementwiseCpu implements Elementwise.Kernels {
  private static final long GRAIN = 1 << 13;

  @Override
  public void forward(Elementwise.Fn fn, Tensor x, Tensor out) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        o.set(i, ElementwiseMath.apply(fn, in.get(i)));
      }
    });
  }

  @Override
  public void backward(Elementwise.Fn fn, Tensor x, Tensor out, Tensor g, Tensor gx) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf y = CpuBuf.of(out);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        o.set(i, gb.get(i) * ElementwiseMath.derivative(fn, in.get(i), y.get(i)));
      }
    });
  }
}
