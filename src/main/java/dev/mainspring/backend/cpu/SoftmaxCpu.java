package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Softmax;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU reference for {@link Softmax}, parallel over rows. F32 copies each row (and its mask row) to
 * heap arrays and works there; F64 (gradient checks) goes through {@link CpuBuf}. Sums accumulate in
 * double in both.
 */
final class SoftmaxCpu implements Softmax.Kernels {
  private static final long GRAIN = 1 << 13;

  @Override
  public void forward(boolean log, Tensor x, Tensor mask, long[] maskStrides, Tensor out) {
    int len = x.dim(-1);
    if (len == 0) {
      return;
    }
    long rows = x.numel() / len;
    RowMask rm = RowMask.of(x, maskStrides);
    if (x.dtype() == DType.F32) {
      forwardF32(log, CpuBuf.of(x).seg(), mask == null ? null : CpuBuf.of(mask).seg(), rm,
          CpuBuf.of(out).seg(), rows, len);
      return;
    }
    CpuBuf in = CpuBuf.of(x);
    CpuBuf m = CpuBuf.ofNullable(mask);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        long mb = rm == null ? 0 : rm.base(r, len);
        double mx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
          if (m == null || m.get(mb + j * rm.step()) != 0) {
            mx = Math.max(mx, in.get(base + j));
          }
        }
        if (mx == Double.NEGATIVE_INFINITY) {
          for (int j = 0; j < len; j++) {
            o.set(base + j, 0.0);
          }
          continue;
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
          if (m == null || m.get(mb + j * rm.step()) != 0) {
            sum += Math.exp(in.get(base + j) - mx);
          }
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < len; j++) {
          double v = 0.0;
          if (m == null || m.get(mb + j * rm.step()) != 0) {
            double z = in.get(base + j) - mx;
            v = log ? z - logSum : Math.exp(z) / sum;
          }
          o.set(base + j, v);
        }
      }
    });
  }

  private static void forwardF32(boolean log, MemorySegment x, MemorySegment mask, RowMask rm,
      MemorySegment out, long rows, int len) {
    FloatMath.Impl fm = FloatMath.IMPL;
    Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
      float[] row = new float[len];
      float[] xs = log ? new float[len] : null;
      float[] mrow = new float[len];
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        boolean perEntry = RowMask.loadF32(mask, rm, r, len, mrow);
        if (RowMask.rowMasked(mask, perEntry, mrow)) {
          out.asSlice(base * 4, len * 4L).fill((byte) 0);
          continue;
        }
        MemorySegment.copy(x, ValueLayout.JAVA_FLOAT, base * 4, row, 0, len);
        if (perEntry) {
          for (int j = 0; j < len; j++) {
            if (mrow[j] == 0f) {
              row[j] = Float.NEGATIVE_INFINITY; // never read padding; exp(−∞ − max) = 0
            }
          }
        }
        float mx = fm.max(row, len);
        if (mx == Float.NEGATIVE_INFINITY) {
          out.asSlice(base * 4, len * 4L).fill((byte) 0);
          continue;
        }
        if (log) {
          System.arraycopy(row, 0, xs, 0, len);
        }
        fm.expShifted(row, len, mx);
        float sum = fm.sum(row, len);
        if (log) {
          float shift = mx + (float) Math.log(sum);
          for (int j = 0; j < len; j++) {
            row[j] = perEntry && mrow[j] == 0f ? 0f : xs[j] - shift;
          }
        } else {
          float inv = 1f / sum;
          for (int j = 0; j < len; j++) {
            row[j] *= inv;
          }
        }
        MemorySegment.copy(row, 0, out, ValueLayout.JAVA_FLOAT, base * 4, len);
      }
    });
  }

  @Override
  public void backward(boolean log, Tensor out, Tensor mask, long[] maskStrides, Tensor g,
      Tensor gx) {
    int len = out.dim(-1);
    if (len == 0) {
      return;
    }
    long rows = out.numel() / len;
    RowMask rm = RowMask.of(out, maskStrides);
    if (out.dtype() == DType.F32) {
      backwardF32(log, CpuBuf.of(out).seg(), mask == null ? null : CpuBuf.of(mask).seg(), rm,
          CpuBuf.of(g).seg(), CpuBuf.of(gx).seg(), rows, len);
      return;
    }
    SoftmaxBackwardRows.Term term = log ? (y, gj) -> gj : (y, gj) -> gj * y;
    SoftmaxBackwardRows.Value value = log ? (y, gj, acc) -> gj - Math.exp(y) * acc : (y, gj, acc) -> y * (gj - acc);
    SoftmaxBackwardRows.reference(CpuBuf.of(out), CpuBuf.ofNullable(mask), rm, CpuBuf.of(g), CpuBuf.of(gx), rows,
        len, Math.max(1, GRAIN / len), term, value);
  }

  private static void backwardF32(boolean log, MemorySegment y, MemorySegment mask, RowMask rm,
      MemorySegment g, MemorySegment gx, long rows, int len) {
    FloatMath.Impl fm = FloatMath.IMPL;
    SoftmaxBackwardRows.f32(y, mask, rm, g, gx, rows, len, Math.max(1, GRAIN / len), (yr, gr, mrow, perEntry) -> {
      if (perEntry) {
        for (int j = 0; j < len; j++) {
          if (mrow[j] == 0f) {
            gr[j] = 0f; // incoming gradient at padding is ignored, whatever it holds
          }
        }
      }
      if (log) {
        float sumG = fm.sum(gr, len);
        fm.expShifted(yr, len, 0f); // softmax = exp(log-softmax)
        for (int j = 0; j < len; j++) {
          gr[j] -= yr[j] * sumG;
        }
      } else {
        float dot = fm.dot(gr, yr, len);
        for (int j = 0; j < len; j++) {
          gr[j] = yr[j] * (gr[j] - dot);
        }
      }
      if (perEntry) {
        for (int j = 0; j < len; j++) {
          if (mrow[j] == 0f) {
            gr[j] = 0f;
          }
        }
      }
    });
  }
}
