package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.LayerNorm;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU reference for {@link LayerNorm}, parallel over rows. Statistics accumulate in double (two
 * passes, no E[x²] − E[x]² cancellation). The γ/β gradients are summed per fixed chunk of rows and the
 * chunks combined in order, so they are bit-identical run to run. F32 works on heap copies of rows.
 */
final class LayerNormCpu implements LayerNorm.Kernels {
  private static final long GRAIN = 1 << 13;

  @Override
  public void forward(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor out, Tensor mean,
      Tensor rstd) {
    int d = x.dim(-1);
    long rows = x.numel() / d;
    if (x.dtype() == DType.F32) {
      forwardF32(CpuBuf.of(x).seg(), CpuBuf.of(gamma).seg(), CpuBuf.of(beta).seg(), eps,
          CpuBuf.of(out).seg(), CpuBuf.of(mean).seg(), CpuBuf.of(rstd).seg(), rows, d);
      return;
    }
    CpuBuf in = CpuBuf.of(x);
    CpuBuf ga = CpuBuf.of(gamma);
    CpuBuf be = CpuBuf.of(beta);
    CpuBuf o = CpuBuf.of(out);
    CpuBuf mu = CpuBuf.of(mean);
    CpuBuf rs = CpuBuf.of(rstd);
    Parallel.range(rows, Math.max(1, GRAIN / d), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * d;
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += in.get(base + j);
        }
        double m = s / d;
        double v = 0;
        for (int j = 0; j < d; j++) {
          double c = in.get(base + j) - m;
          v += c * c;
        }
        double inv = 1.0 / Math.sqrt(v / d + eps);
        for (int j = 0; j < d; j++) {
          o.set(base + j, (in.get(base + j) - m) * inv * ga.get(j) + be.get(j));
        }
        mu.set(r, m);
        rs.set(r, inv);
      }
    });
  }

  private static void forwardF32(MemorySegment x, MemorySegment gamma, MemorySegment beta,
      double eps, MemorySegment out, MemorySegment mean, MemorySegment rstd, long rows, int d) {
    float[] ga = gamma.asSlice(0, d * 4L).toArray(ValueLayout.JAVA_FLOAT);
    float[] be = beta.asSlice(0, d * 4L).toArray(ValueLayout.JAVA_FLOAT);
    FloatMath.Impl fm = FloatMath.IMPL;
    Parallel.range(rows, Math.max(1, GRAIN / d), (r0, r1) -> {
      float[] row = new float[d];
      for (long r = r0; r < r1; r++) {
        long base = r * d;
        MemorySegment.copy(x, ValueLayout.JAVA_FLOAT, base * 4, row, 0, d);
        float m = fm.sum(row, d) / d;
        float inv = (float) (1.0 / Math.sqrt(fm.sumSquaredDeviation(row, d, m) / d + eps));
        for (int j = 0; j < d; j++) {
          row[j] = (row[j] - m) * inv * ga[j] + be[j];
        }
        MemorySegment.copy(row, 0, out, ValueLayout.JAVA_FLOAT, base * 4, d);
        mean.setAtIndex(ValueLayout.JAVA_FLOAT, r, m);
        rstd.setAtIndex(ValueLayout.JAVA_FLOAT, r, inv);
      }
    });
  }

  @Override
  public void backward(Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor g, Tensor gx,
      Tensor gGamma, Tensor gBeta) {
    int d = x.dim(-1);
    long rows = x.numel() / d;
    long grain = Math.max(1, GRAIN / d);
    int chunks = (int) Parallel.chunks(rows, grain);
    double[][] pGamma = new double[chunks][d];
    double[][] pBeta = new double[chunks][d];
    if (x.dtype() == DType.F32) {
      backwardF32(CpuBuf.of(x).seg(), CpuBuf.of(gamma).seg(), CpuBuf.of(mean).seg(),
          CpuBuf.of(rstd).seg(), CpuBuf.of(g).seg(), gx == null ? null : CpuBuf.of(gx).seg(),
          pGamma, pBeta, rows, d, grain);
    } else {
      CpuBuf in = CpuBuf.of(x);
      CpuBuf ga = CpuBuf.of(gamma);
      CpuBuf mu = CpuBuf.of(mean);
      CpuBuf rs = CpuBuf.of(rstd);
      CpuBuf gb = CpuBuf.of(g);
      CpuBuf o = CpuBuf.ofNullable(gx);
      Parallel.chunked(rows, grain, (c, r0, r1) -> {
        double[] xhat = new double[d];
        double[] dy = new double[d];
        for (long r = r0; r < r1; r++) {
          long base = r * d;
          double m = mu.get(r);
          double inv = rs.get(r);
          double a = 0;
          double b = 0;
          for (int j = 0; j < d; j++) {
            double gj = gb.get(base + j);
            xhat[j] = (in.get(base + j) - m) * inv;
            dy[j] = gj * ga.get(j);
            a += dy[j];
            b += dy[j] * xhat[j];
            pGamma[c][j] += gj * xhat[j];
            pBeta[c][j] += gj;
          }
          a /= d;
          b /= d;
          if (o != null) {
            for (int j = 0; j < d; j++) {
              o.set(base + j, inv * (dy[j] - a - xhat[j] * b));
            }
          }
        }
      });
    }
    combine(pGamma, gGamma, d);
    combine(pBeta, gBeta, d);
  }

  private static void backwardF32(MemorySegment x, MemorySegment gamma, MemorySegment mean,
      MemorySegment rstd, MemorySegment g, MemorySegment gx, double[][] pGamma, double[][] pBeta,
      long rows, int d, long grain) {
    float[] ga = gamma.asSlice(0, d * 4L).toArray(ValueLayout.JAVA_FLOAT);
    FloatMath.Impl fm = FloatMath.IMPL;
    Parallel.chunked(rows, grain, (c, r0, r1) -> {
      float[] xr = new float[d];
      float[] gr = new float[d];
      float[] dy = new float[d];
      double[] accG = pGamma[c];
      double[] accB = pBeta[c];
      for (long r = r0; r < r1; r++) {
        long base = r * d;
        MemorySegment.copy(x, ValueLayout.JAVA_FLOAT, base * 4, xr, 0, d);
        MemorySegment.copy(g, ValueLayout.JAVA_FLOAT, base * 4, gr, 0, d);
        float m = mean.getAtIndex(ValueLayout.JAVA_FLOAT, r);
        float inv = rstd.getAtIndex(ValueLayout.JAVA_FLOAT, r);
        for (int j = 0; j < d; j++) {
          xr[j] = (xr[j] - m) * inv; // x̂
          dy[j] = gr[j] * ga[j];
        }
        for (int j = 0; j < d; j++) {
          accG[j] += gr[j] * xr[j];
          accB[j] += gr[j];
        }
        if (gx != null) {
          float a = fm.sum(dy, d) / d;
          float b = fm.dot(dy, xr, d) / d;
          for (int j = 0; j < d; j++) {
            xr[j] = inv * (dy[j] - a - xr[j] * b);
          }
          MemorySegment.copy(xr, 0, gx, ValueLayout.JAVA_FLOAT, base * 4, d);
        }
      }
    });
  }

  /** dst[j] = Σ_chunks partial[c][j], chunks in order; nothing when dst is null. */
  private static void combine(double[][] partial, Tensor dst, int d) {
    if (dst == null) {
      return;
    }
    CpuBuf o = CpuBuf.of(dst);
    for (int j = 0; j < d; j++) {
      double t = 0;
      for (double[] p : partial) {
        t += p[j];
      }
      o.set(j, t);
    }
  }
}
