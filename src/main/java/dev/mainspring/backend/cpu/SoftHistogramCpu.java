package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.SoftHistogram;

/**
 * CPU reference for {@link SoftHistogram}. The forward sums kernel values over fixed chunks of the
 * flattened entries and adds the per-chunk partial histograms in chunk order (deterministic); the
 * backward is independent per entry. The K kernel values of one entry cost three exponentials, not
 * K (see {@link #kernelRow}): this op touches every join time of the batch, so it is hot.
 */
final class SoftHistogramCpu implements SoftHistogram.Kernels {
  private static final long GRAIN = 1 << 11;

  @Override
  public void forward(Tensor x, Tensor mask, int batch, int per, double first, double step,
      int bins, double sigma, Tensor out, Tensor mass) {
    CpuBuf xb = CpuBuf.of(x);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    long total = (long) batch * per;
    int chunks = (int) Parallel.chunks(total, GRAIN);
    int width = bins + 1; // bins, then the mass
    double[][] partial = new double[chunks][batch * width];
    double inv2s2 = 1.0 / (2.0 * sigma * sigma);
    Parallel.chunked(total, GRAIN, (c, q0, q1) -> {
      double[] acc = partial[c];
      double[] phi = new double[bins];
      for (long q = q0; q < q1; q++) {
        double w = mb == null ? 1.0 : mb.get(q);
        if (w == 0.0) {
          continue;
        }
        int base = (int) (q / per) * width;
        kernelRow(xb.get(q), first, step, bins, inv2s2, phi);
        for (int k = 0; k < bins; k++) {
          acc[base + k] += w * phi[k];
        }
        acc[base + bins] += w;
      }
    });
    CpuBuf o = CpuBuf.of(out);
    CpuBuf ms = CpuBuf.of(mass);
    for (int b = 0; b < batch; b++) {
      double total0 = 0;
      for (double[] p : partial) {
        total0 += p[b * width + bins];
      }
      ms.set(b, total0);
      for (int k = 0; k < bins; k++) {
        double s = 0;
        for (double[] p : partial) {
          s += p[b * width + k];
        }
        o.set((long) b * bins + k, total0 == 0.0 ? 0.0 : s / total0);
      }
    }
  }

  @Override
  public void backward(Tensor x, Tensor mask, Tensor mass, Tensor g, int batch, int per,
      double first, double step, int bins, double sigma, Tensor gx) {
    CpuBuf xb = CpuBuf.of(x);
    CpuBuf mb = CpuBuf.ofNullable(mask);
    CpuBuf ms = CpuBuf.of(mass);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    double inv2s2 = 1.0 / (2.0 * sigma * sigma);
    double invS2 = 1.0 / (sigma * sigma);
    Parallel.range((long) batch * per, GRAIN, (q0, q1) -> {
      double[] phi = new double[bins];
      for (long q = q0; q < q1; q++) {
        double w = mb == null ? 1.0 : mb.get(q);
        int b = (int) (q / per);
        double total = ms.get(b);
        if (w == 0.0 || total == 0.0) {
          o.set(q, 0.0);
          continue;
        }
        double v = xb.get(q);
        kernelRow(v, first, step, bins, inv2s2, phi);
        double acc = 0;
        for (int k = 0; k < bins; k++) {
          double d = v - (first + k * step);
          acc += gb.get((long) b * bins + k) * phi[k] * (-d * invS2);
        }
        o.set(q, acc * w / total);
      }
    });
  }

  /**
   * phi[k] = exp(−a·(v − c_k)²) for the centres c_k = first + k·step. Starting at the nearest
   * centre, neighbouring values differ by factors that themselves change by the constant factor
   * exp(−2a·step²), so each step outwards is two multiplications. Going outwards every factor is at
   * most 1, so nothing overflows and far bins underflow to 0 as they should.
   */
  static void kernelRow(double v, double first, double step, int bins, double a, double[] phi) {
    double pos = (v - first) / step;
    int k0 = pos <= 0 ? 0 : pos >= bins - 1 ? bins - 1 : (int) Math.rint(pos);
    double d = v - (first + k0 * step);
    double q = Math.exp(-a * step * step);
    double q2 = q * q;
    phi[k0] = Math.exp(-a * d * d);
    double up = Math.exp(2 * a * step * d) * q; // phi[k+1] / phi[k]
    double f = phi[k0];
    for (int k = k0 + 1; k < bins; k++) {
      f *= up;
      up *= q2;
      phi[k] = f;
    }
    double down = Math.exp(-2 * a * step * d) * q; // phi[k-1] / phi[k]
    f = phi[k0];
    for (int k = k0 - 1; k >= 0; k--) {
      f *= down;
      down *= q2;
      phi[k] = f;
    }
  }
}
