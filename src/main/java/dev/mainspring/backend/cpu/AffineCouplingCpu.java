package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.AffineCoupling.Direction;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU reference for {@link AffineCoupling}: one pass over rows, the log-determinant summed per row
 * in double and in column order (so it is deterministic whatever the thread count).
 */
final class AffineCouplingCpu implements AffineCoupling.Kernels {
  private static final long GRAIN = 1 << 12;
  private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

  @Override
  public void forward(Direction dir, Tensor in, Tensor shift, Tensor raw, int rows, int cols,
      Tensor out, Tensor logdet) {
    CpuBuf x = CpuBuf.of(in);
    CpuBuf sh = CpuBuf.of(shift);
    CpuBuf rw = CpuBuf.of(raw);
    CpuBuf o = CpuBuf.of(out);
    CpuBuf ld = CpuBuf.of(logdet);
    boolean fwd = dir == Direction.FORWARD;
    if (x.isF32() && sh.isF32() && rw.isF32()) {
      forwardF32(fwd, x.seg(), sh.seg(), rw.seg(), rows, cols, o.seg(), ld.seg());
      return;
    }
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols)), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * cols;
        double sum = 0;
        for (int c = 0; c < cols; c++) {
          long i = base + c;
          double ls = AffineCoupling.logScale(rw.get(i));
          sum += ls;
          o.set(i, fwd ? x.get(i) * Math.exp(ls) + sh.get(i)
              : (x.get(i) - sh.get(i)) * Math.exp(-ls));
        }
        ld.set(r, fwd ? sum : -sum);
      }
    });
  }

  /** The same loop reading and writing floats directly (math still in double). */
  private static void forwardF32(boolean fwd, MemorySegment x, MemorySegment sh, MemorySegment rw,
      int rows, int cols, MemorySegment o, MemorySegment ld) {
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols)), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * cols;
        double sum = 0;
        for (int c = 0; c < cols; c++) {
          long i = base + c;
          double ls = AffineCoupling.logScale(rw.getAtIndex(F, i));
          sum += ls;
          double xi = x.getAtIndex(F, i);
          double si = sh.getAtIndex(F, i);
          o.setAtIndex(F, i, (float) (fwd ? xi * Math.exp(ls) + si : (xi - si) * Math.exp(-ls)));
        }
        ld.setAtIndex(F, r, (float) (fwd ? sum : -sum));
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
