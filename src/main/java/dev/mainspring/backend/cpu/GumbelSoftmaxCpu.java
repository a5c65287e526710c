package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Philox;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU {@link GumbelSoftmax}, parallel over rows. Noise for a row comes from {@link Philox#uniforms}
 * at the row's flat offset (bit-identical to a device kernel); γ = −log(−log u) is computed in
 * double for F64 and in float, vectorised by {@link FloatMath}, for F32 (as a device kernel would).
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
    double invTau = 1.0 / tau;
    if (logits.dtype() == DType.F32) {
      forwardF32(CpuBuf.of(logits).seg(), mask == null ? null : CpuBuf.of(mask).seg(), rm,
          (float) invTau, noise, seed, offset, CpuBuf.of(hard).seg(), CpuBuf.of(soft).seg(), rows,
          len);
      return;
    }
    CpuBuf lb = CpuBuf.of(logits);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf hb = CpuBuf.of(hard);
    CpuBuf sb = CpuBuf.of(soft);
    Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
      double[] z = new double[len];
      float[] u = new float[len];
      boolean[] valid = new boolean[len];
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        long mbase = rm == null ? 0 : rm.base(r, len);
        for (int j = 0; j < len; j++) {
          z[j] = lb.get(base + j);
          valid[j] = mb == null || mb.get(mbase + j * rm.step()) != 0;
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
        if (mx == Double.NEGATIVE_INFINITY) {
          arg = -1; // no valid entry (or all −∞): zeros
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
          if (arg >= 0 && valid[j]) {
            z[j] = Math.exp(z[j] - mx);
            sum += z[j];
          }
        }
        for (int j = 0; j < len; j++) {
          sb.set(base + j, arg >= 0 && valid[j] ? z[j] / sum : 0.0);
          hb.set(base + j, j == arg ? 1.0 : 0.0);
        }
      }
    });
  }

  private static void forwardF32(MemorySegment logits, MemorySegment mask, RowMask rm,
      float invTau, boolean noise, long seed, long offset, MemorySegment hard, MemorySegment soft,
      long rows, int len) {
    FloatMath.Impl fm = FloatMath.IMPL;
    Parallel.range(rows, Math.max(1, GRAIN / len), (r0, r1) -> {
      float[] z = new float[len];
      float[] g = new float[len];
      float[] mrow = new float[len];
      float[] onehot = new float[len];
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        boolean perEntry = RowMask.loadF32(mask, rm, r, len, mrow);
        if (RowMask.rowMasked(mask, perEntry, mrow)) {
          soft.asSlice(base * 4, len * 4L).fill((byte) 0);
          hard.asSlice(base * 4, len * 4L).fill((byte) 0);
          continue;
        }
        MemorySegment.copy(logits, ValueLayout.JAVA_FLOAT, base * 4, z, 0, len);
        if (noise) {
          Philox.uniforms(seed, offset, base, g, len);
          fm.gumbel(g, len);
          for (int j = 0; j < len; j++) {
            z[j] = (z[j] + g[j]) * invTau;
          }
        } else {
          for (int j = 0; j < len; j++) {
            z[j] *= invTau;
          }
        }
        if (perEntry) {
          for (int j = 0; j < len; j++) {
            if (mrow[j] == 0f) {
              z[j] = Float.NEGATIVE_INFINITY; // padding never wins and gets exp(−∞) = 0
            }
          }
        }
        int arg = 0;
        for (int j = 1; j < len; j++) {
          if (z[j] > z[arg]) {
            arg = j;
          }
        }
        float mx = z[arg];
        if (mx == Float.NEGATIVE_INFINITY) {
          soft.asSlice(base * 4, len * 4L).fill((byte) 0);
          hard.asSlice(base * 4, len * 4L).fill((byte) 0);
          continue;
        }
        fm.expShifted(z, len, mx);
        float inv = 1f / fm.sum(z, len);
        for (int j = 0; j < len; j++) {
          z[j] *= inv;
        }
        onehot[arg] = 1f;
        MemorySegment.copy(z, 0, soft, ValueLayout.JAVA_FLOAT, base * 4, len);
        MemorySegment.copy(onehot, 0, hard, ValueLayout.JAVA_FLOAT, base * 4, len);
        onehot[arg] = 0f;
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
      SoftmaxBackwardRows.f32(CpuBuf.of(soft).seg(), mask == null ? null : CpuBuf.of(mask).seg(), rm,
          CpuBuf.of(g).seg(), CpuBuf.of(gx).seg(), rows, len, Math.max(1, GRAIN / len), (y, gr, mrow, perEntry) -> {
            double dot = 0;
            for (int j = 0; j < len; j++) {
              if (!perEntry || mrow[j] != 0f) {
                dot += (double) gr[j] * y[j];
              }
            }
            for (int j = 0; j < len; j++) {
              gr[j] = !perEntry || mrow[j] != 0f ? (float) (y[j] * (gr[j] - dot) * invTau) : 0f;
            }
          });
      return;
    }
    SoftmaxBackwardRows.reference(CpuBuf.of(soft), CpuBuf.ofNullable(mask), rm, CpuBuf.of(g), CpuBuf.of(gx), rows,
        len, Math.max(1, GRAIN / len), (y, gj) -> gj * y, (y, gj, dot) -> y * (gj - dot) * invTau);
  }
}
