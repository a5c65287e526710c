package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Philox;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU {@link GumbelSoftmax}, parallel over rows. Noise for a row comes from {@link Philox#uniforms}
 * at the row's flat offset; γ is computed in double. F32 works on heap copies of rows, F64 goes
 * through {@link CpuBuf}.
 */
final class GumbelSoftmaxCpu implements GumbelSoftmax.Kernels {
  private static final long GRAIN = 1 << 12;

  @Override
  public void forward(Tensor logits, Tensor mask, long[] maskStrides, double tau, boolean noise,
      long seed, long offset, Tensor hard, Tensor soft) {
    int len = logits.dim(-1);
    if (len == 0) {
      return;
    }
    long rows = logits.numel() / len;
    RowMask rm = RowMask.of(logits, maskStrides);
    boolean f32 = logits.dtype() == DType.F32;
    MemorySegment ls = CpuBuf.of(logits).seg();
    MemorySegment ms = mask == null ? null : CpuBuf.of(mask).seg();
    MemorySegment hs = CpuBuf.of(hard).seg();
    MemorySegment ss = CpuBuf.of(soft).seg();
    CpuBuf lb = CpuBuf.of(logits);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf hb = CpuBuf.of(hard);
    CpuBuf sb = CpuBuf.of(soft);
    double invTau = 1.0 / tau;
    Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
      double[] z = new double[len];
      float[] frow = new float[len];
      float[] u = new float[len];
      float[] mrow = new float[len];
      boolean[] valid = new boolean[len];
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        // Row values and validity, the only dtype-dependent reads.
        if (f32) {
          MemorySegment.copy(ls, ValueLayout.JAVA_FLOAT, base * 4, frow, 0, len);
          boolean perEntry = RowMask.loadF32(ms, rm, r, len, mrow);
          boolean rowOff = RowMask.rowMasked(ms, perEntry, mrow);
          for (int j = 0; j < len; j++) {
            z[j] = frow[j];
            valid[j] = !rowOff && (!perEntry || mrow[j] != 0f);
          }
        } else {
          long mbase = rm == null ? 0 : rm.base(r, len);
          for (int j = 0; j < len; j++) {
            z[j] = lb.get(base + j);
            valid[j] = mb == null || mb.get(mbase + j * rm.step()) != 0;
          }
        }
        if (noise) {
          Philox.uniforms(seed, offset, base, u, len);
        }
        int arg = -1;
        double mx = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
          if (valid[j]) {
            double g = noise ? -Math.log(-Math.log(u[j])) : 0.0;
            z[j] = (z[j] + g) * invTau;
            if (arg < 0 || z[j] > mx) {
              mx = z[j];
              arg = j;
            }
          }
        }
        double sum = 0;
        if (arg >= 0 && mx != Double.NEGATIVE_INFINITY) {
          for (int j = 0; j < len; j++) {
            if (valid[j]) {
              z[j] = Math.exp(z[j] - mx);
              sum += z[j];
            }
          }
        } else {
          arg = -1; // no valid entry (or all −∞): zeros
        }
        for (int j = 0; j < len; j++) {
          double s = arg >= 0 && valid[j] ? z[j] / sum : 0.0;
          double h = j == arg ? 1.0 : 0.0;
          if (f32) {
            ss.setAtIndex(ValueLayout.JAVA_FLOAT, base + j, (float) s);
            hs.setAtIndex(ValueLayout.JAVA_FLOAT, base + j, (float) h);
          } else {
            sb.set(base + j, s);
            hb.set(base + j, h);
          }
        }
      }
    });
  }

  @Override
  public void backward(Tensor soft, Tensor mask, long[] maskStrides, double tau, Tensor g,
      Tensor gx) {
    int len = soft.dim(-1);
    if (len == 0) {
      return;
    }
    long rows = soft.numel() / len;
    RowMask rm = RowMask.of(soft, maskStrides);
    double invTau = 1.0 / tau;
    if (soft.dtype() == DType.F32) {
      MemorySegment ys = CpuBuf.of(soft).seg();
      MemorySegment ms = mask == null ? null : CpuBuf.of(mask).seg();
      MemorySegment gs = CpuBuf.of(g).seg();
      MemorySegment os = CpuBuf.of(gx).seg();
      Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
        float[] y = new float[len];
        float[] gr = new float[len];
        float[] mrow = new float[len];
        for (long r = r0; r < r1; r++) {
          long base = r * len;
          boolean perEntry = RowMask.loadF32(ms, rm, r, len, mrow);
          if (RowMask.rowMasked(ms, perEntry, mrow)) {
            os.asSlice(base * 4, len * 4L).fill((byte) 0);
            continue;
          }
          MemorySegment.copy(ys, ValueLayout.JAVA_FLOAT, base * 4, y, 0, len);
          MemorySegment.copy(gs, ValueLayout.JAVA_FLOAT, base * 4, gr, 0, len);
          double dot = 0;
          for (int j = 0; j < len; j++) {
            if (!perEntry || mrow[j] != 0f) {
              dot += (double) gr[j] * y[j];
            }
          }
          for (int j = 0; j < len; j++) {
            gr[j] = !perEntry || mrow[j] != 0f ? (float) (y[j] * (gr[j] - dot) * invTau) : 0f;
          }
          MemorySegment.copy(gr, 0, os, ValueLayout.JAVA_FLOAT, base * 4, len);
        }
      });
      return;
    }
    CpuBuf y = CpuBuf.of(soft);
    CpuBuf m = CpuBuf.ofNullable(mask);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        long mbase = rm == null ? 0 : rm.base(r, len);
        double dot = 0;
        for (int j = 0; j < len; j++) {
          if (m == null || m.get(mbase + j * rm.step()) != 0) {
            dot += gb.get(base + j) * y.get(base + j);
          }
        }
        for (int j = 0; j < len; j++) {
          boolean valid = m == null || m.get(mbase + j * rm.step()) != 0;
          o.set(base + j, valid ? y.get(base + j) * (gb.get(base + j) - dot) * invTau : 0.0);
        }
      }
    });
  }
}
