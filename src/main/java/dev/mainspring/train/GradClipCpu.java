package dev.mainspring.train;

import dev.mainspring.backend.cpu.CpuBuf;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.tensor.Tensor;

/** CPU reductions for {@link GradClip}: per-chunk double sums combined in chunk order. */
final class GradClipCpu implements GradClip.Kernels {
  private static final long GRAIN = 1 << 14;

  @Override
  public double sumOfSquares(Tensor g) {
    CpuBuf b = CpuBuf.of(g);
    long n = g.numel();
    double[] partial = new double[(int) Parallel.chunks(n, GRAIN)];
    Parallel.chunked(n, GRAIN, (c, s, e) -> {
      double acc = 0;
      for (long i = s; i < e; i++) {
        double x = b.get(i);
        acc += x * x;
      }
      partial[c] = acc;
    });
    double sum = 0;
    for (double p : partial) {
      sum += p;
    }
    return sum;
  }

  @Override
  public void scale(Tensor g, double factor) {
    CpuBuf b = CpuBuf.of(g);
    Parallel.range(g.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        b.set(i, b.get(i) * factor);
      }
    });
  }
}
