package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.SoftHistogram;

/**
 * CPU reference for {@link SoftHistogram}. The forward sums kernel values over fixed chunks of the
 * flattened entries and adds the per-chunk partial histograms in chunk order (deterministic); the
 * backward is independent per entry.
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
      for (long q = q0; q < q1; q++) {
        double w = mb == null ? 1.0 : mb.get(q);
        if (w == 0.0) {
          continue;
        }
        int base = (int) (q / per) * width;
        double v = xb.get(q);
        for (int k = 0; k < bins; k++) {
          double d = v - (first + k * step);
          acc[base + k] += w * Math.exp(-d * d * inv2s2);
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
      for (long q = q0; q < q1; q++) {
        double w = mb == null ? 1.0 : mb.get(q);
        int b = (int) (q / per);
        double total = ms.get(b);
        if (w == 0.0 || total == 0.0) {
          o.set(q, 0.0);
          continue;
        }
        double v = xb.get(q);
        double acc = 0;
        for (int k = 0; k < bins; k++) {
          double d = v - (first + k * step);
          acc += gb.get((long) b * bins + k) * Math.exp(-d * d * inv2s2) * (-d * invS2);
        }
        o.set(q, acc * w / total);
      }
    });
  }
}
