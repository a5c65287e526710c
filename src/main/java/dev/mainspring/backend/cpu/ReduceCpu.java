package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Reduce;

/** CPU reference for {@link Reduce} over a [outer, n, inner] view; sums accumulate in double. */
final class ReduceCpu implements Reduce.Kernels {
  private static final long GRAIN = 1 << 13;

  @Override
  public void sum(Tensor x, int outer, int n, int inner, double scale, Tensor out) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    if (inner == 1) {
      Parallel.range(outer, Math.max(1, GRAIN / n), (s, e) -> {
        for (long r = s; r < e; r++) {
          double t = 0;
          long base = r * n;
          for (int j = 0; j < n; j++) {
            t += in.get(base + j);
          }
          o.set(r, t * scale);
        }
      });
      return;
    }
    Parallel.range(outer, Math.max(1, GRAIN / ((long) n * inner)), (s, e) -> {
      double[] acc = new double[inner];
      for (long r = s; r < e; r++) {
        java.util.Arrays.fill(acc, 0.0);
        long base = r * n * inner;
        for (int j = 0; j < n; j++) {
          long row = base + (long) j * inner;
          for (int i = 0; i < inner; i++) {
            acc[i] += in.get(row + i);
          }
        }
        for (int i = 0; i < inner; i++) {
          o.set(r * inner + i, acc[i] * scale);
        }
      }
    });
  }

  @Override
  public void max(Tensor x, int outer, int n, int inner, Tensor out, Tensor argmax) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    CpuBuf am = CpuBuf.of(argmax);
    Parallel.range((long) outer * inner, Math.max(1, GRAIN / n), (s, e) -> {
      for (long q = s; q < e; q++) {
        long r = q / inner;
        long i = q % inner;
        long base = r * n * inner + i;
        double best = in.get(base);
        int arg = 0;
        for (int j = 1; j < n; j++) {
          double v = in.get(base + (long) j * inner);
          if (v > best || Double.isNaN(v) && !Double.isNaN(best)) {
            best = v;
            arg = j;
          }
        }
        o.set(q, best);
        am.set(q, arg);
      }
    });
  }

  @Override
  public void sumBackward(Tensor g, int outer, int n, int inner, double scale, Tensor gx) {
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    long block = (long) n * inner;
    // Walk (r, i) alongside q instead of two divisions per element.
    Parallel.range((long) outer * block, GRAIN, (s, e) -> {
      long r = s / block;
      long i = s % inner;
      for (long q = s; q < e; q++) {
        o.set(q, gb.get(r * inner + i) * scale);
        if (++i == inner) {
          i = 0;
          if ((q + 1) % block == 0) {
            r++;
          }
        }
      }
    });
  }

  @Override
  public void maxBackward(Tensor g, Tensor argmax, int outer, int n, int inner, Tensor gx) {
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf am = CpuBuf.of(argmax);
    CpuBuf o = CpuBuf.of(gx);
    Parallel.range((long) outer * n * inner, GRAIN, (s, e) -> {
      for (long q = s; q < e; q++) {
        long r = q / ((long) n * inner);
        long j = (q / inner) % n;
        long i = q % inner;
        long src = r * inner + i;
        o.set(q, am.getInt(src) == j ? gb.get(src) : 0.0);
      }
    });
  }
}
