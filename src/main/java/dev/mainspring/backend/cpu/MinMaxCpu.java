package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.MinMax;

/** CPU reference for {@link MinMax}: an odometer over the output tracks both operands' offsets. */
final class MinMaxCpu implements MinMax.Kernels {
  private static final long GRAIN = 1 << 14;

  static boolean choosesA(MinMax.Kind kind, double a, double b) {
    return Double.isNaN(a) || (kind == MinMax.Kind.MAXIMUM ? a >= b : a <= b);
  }

  @Override
  public void forward(MinMax.Kind kind, Tensor a, long[] aStrides, Tensor b, long[] bStrides,
      Tensor out) {
    CpuBuf ab = CpuBuf.of(a);
    CpuBuf bb = CpuBuf.of(b);
    CpuBuf o = CpuBuf.of(out);
    int[] shape = out.shape();
    Parallel.range(out.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker wa = new Broadcast.Walker(shape, aStrides, s);
      Broadcast.Walker wb = new Broadcast.Walker(shape, bStrides, s);
      for (long i = s; i < e; i++, wa.next(), wb.next()) {
        double x = ab.get(wa.offset());
        double y = bb.get(wb.offset());
        o.set(i, choosesA(kind, x, y) ? x : y);
      }
    });
  }

  @Override
  public void backward(MinMax.Kind kind, Tensor a, long[] aStrides, Tensor b, long[] bStrides,
      Tensor g, Tensor ga, Tensor gb) {
    CpuBuf ab = CpuBuf.of(a);
    CpuBuf bb = CpuBuf.of(b);
    CpuBuf gbuf = CpuBuf.of(g);
    CpuBuf oa = CpuBuf.ofNullable(ga);
    CpuBuf ob = CpuBuf.ofNullable(gb);
    int[] shape = g.shape();
    Parallel.range(g.numel(), GRAIN, (s, e) -> {
      Broadcast.Walker wa = new Broadcast.Walker(shape, aStrides, s);
      Broadcast.Walker wb = new Broadcast.Walker(shape, bStrides, s);
      for (long i = s; i < e; i++, wa.next(), wb.next()) {
        boolean toA = choosesA(kind, ab.get(wa.offset()), bb.get(wb.offset()));
        double gi = gbuf.get(i);
        if (oa != null) {
          oa.set(i, toA ? gi : 0.0);
        }
        if (ob != null) {
          ob.set(i, toA ? 0.0 : gi);
        }
      }
    });
  }
}
