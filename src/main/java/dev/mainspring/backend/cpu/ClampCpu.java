package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Clamp;

/** CPU reference for {@link Clamp}. */
final class ClampCpu implements Clamp.Kernels {
  private static final long GRAIN = 1 << 14;

  @Override
  public void forward(Tensor x, double lo, double hi, Tensor out) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        double v = in.get(i);
        o.set(i, v < lo ? lo : (v > hi ? hi : v));
      }
    });
  }

  @Override
  public void backward(Tensor x, double lo, double hi, Tensor g, Tensor gx) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        double v = in.get(i);
        o.set(i, v >= lo && v <= hi ? gb.get(i) : 0.0);
      }
    });
  }
}
