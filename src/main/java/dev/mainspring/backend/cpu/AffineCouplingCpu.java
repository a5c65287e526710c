package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.AffineCoupling.Direction;

/**
 * CPU reference for {@link AffineCoupling}: one pass over rows, the log-determinant summed per row
 * in double and in column order (so it is deterministic whatever the thread count).
 */
final class AffineCouplingCpu implements AffineCoupling.Kernels {
  private static final long GRAIN = 1 << 12;

  @Override
  public void forward(Direction dir, Tensor in, Tensor shift, Tensor raw, int rows, int cols,
      Tensor out, Tensor logdet) {
    CpuBuf x = CpuBuf.of(in);
    CpuBuf sh = CpuBuf.of(shift);
    CpuBuf rw = CpuBuf.of(raw);
    CpuBuf o = CpuBuf.of(out);
    CpuBuf ld = CpuBuf.of(logdet);
    boolean fwd = dir == Direction.FORWARD;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols)), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * cols;
        double sum = 0;
        for (int c = 0; c < cols; c++) {
          long i = base + c;
          double ls = AffineCoupling.logScale(rw.get(i));
          sum += ls;
          o.set(i, fwd ? x.get(i) * Math.exp(ls) + sh.get(i) : (x.get(i) - sh.get(i)) * Math.exp(-ls));
        }
        ld.set(r, fwd ? sum : -sum);
      }
    });
  }

  @Override
  public void backward(Direction dir, Tensor in, Tensor shift, Tensor raw, Tensor out,
      Tensor gOut, Tensor gLogdet, int rows, int cols, Tensor gIn, Tensor gShift, Tensor gRaw) {
    CpuBuf x = CpuBuf.of(in);
    CpuBuf rw = CpuBuf.of(raw);
    CpuBuf y = CpuBuf.of(out);
    CpuBuf go = CpuBuf.ofNullable(gOut);
    CpuBuf gl = CpuBuf.ofNullable(gLogdet);
    CpuBuf gi = CpuBuf.ofNullable(gIn);
    CpuBuf gs = CpuBuf.ofNullable(gShift);
    CpuBuf gr = CpuBuf.ofNullable(gRaw);
    boolean fwd = dir == Direction.FORWARD;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols)), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * cols;
        double gLd = gl == null ? 0.0 : gl.get(r);
        for (int c = 0; c < cols; c++) {
          long i = base + c;
          double ls = AffineCoupling.logScale(rw.get(i));
          double g = go == null ? 0.0 : go.get(i);
          double e = Math.exp(fwd ? ls : -ls);
          if (gi != null) {
            gi.set(i, g * e);
          }
          if (gs != null) {
            gs.set(i, fwd ? g : -g * e);
          }
          if (gr != null) {
            // ∂z/∂ls = x·e^ls forward; ∂x/∂ls = −x_out inverse; ∂logdet/∂ls = ±1.
            double dOut = fwd ? g * x.get(i) * e : -g * y.get(i);
            double dLs = dOut + (fwd ? gLd : -gLd);
            gr.set(i, dLs * AffineCoupling.logScaleDerivative(ls));
          }
        }
      }
    });
  }
}
