package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Index;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU kernels for {@link Index}. Copies move raw bytes (any dtype, no per-element dtype switch).
 * Scatter-add sorts sources by target once (a stable counting sort), then each target row sums its
 * sources in increasing order, in parallel over targets: deterministic without atomics. Indices are
 * range-checked in one sequential pass before any work.
 */
final class IndexCpu implements Index.Kernels {
  private static final long GRAIN = 1 << 13;

  private static int[] indices(Tensor idx, int bound, String op, String what) {
    int[] v = idx.toIntArray();
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0 || v[i] >= bound) {
        throw Index.outOfRange(op, i, v[i], bound, what);
      }
    }
    return v;
  }

  @Override
  public void select(Tensor x, Tensor idx, int n, long row, Tensor out) {
    int[] ix = indices(idx, n, "indexSelect", "rows of x " + Shape.str(x.shape()));
    MemorySegment xs = CpuBuf.of(x).seg();
    MemorySegment os = CpuBuf.of(out).seg();
    long bytes = row * x.dtype().bytes();
    Parallel.range(ix.length, Math.max(1, GRAIN / Math.max(1, row)), (s, e) -> {
      for (long i = s; i < e; i++) {
        MemorySegment.copy(xs, ix[(int) i] * bytes, os, i * bytes, bytes);
      }
    });
  }

  @Override
  public void scatterAdd(Tensor src, Tensor idx, int n, long row, Tensor out) {
    int[] ix = indices(idx, n, "scatterAdd", n + " target rows");
    // Counting sort of sources by target: start[t] .. start[t+1] lists t's sources in order.
    int[] start = new int[n + 1];
    for (int t : ix) {
      start[t + 1]++;
    }
    for (int t = 0; t < n; t++) {
      start[t + 1] += start[t];
    }
    int[] order = new int[ix.length];
    int[] fill = java.util.Arrays.copyOf(start, n);
    for (int i = 0; i < ix.length; i++) {
      order[fill[ix[i]]++] = i;
    }
    int r = (int) row;
    long grain = Math.max(1, GRAIN / Math.max(1, row));
    if (src.dtype() == DType.F32) {
      MemorySegment ss = CpuBuf.of(src).seg();
      MemorySegment os = CpuBuf.of(out).seg();
      Parallel.range(n, grain, (t0, t1) -> {
        float[] acc = new float[r];
        float[] tmp = new float[r];
        for (long t = t0; t < t1; t++) {
          java.util.Arrays.fill(acc, 0f);
          for (int q = start[(int) t]; q < start[(int) t + 1]; q++) {
            MemorySegment.copy(ss, ValueLayout.JAVA_FLOAT, order[q] * row * 4, tmp, 0, r);
            for (int j = 0; j < r; j++) {
              acc[j] += tmp[j];
            }
          }
          MemorySegment.copy(acc, 0, os, ValueLayout.JAVA_FLOAT, t * row * 4, r);
        }
      });
      return;
    }
    CpuBuf s = CpuBuf.of(src);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range(n, grain, (t0, t1) -> {
      double[] acc = new double[r];
      for (long t = t0; t < t1; t++) {
        java.util.Arrays.fill(acc, 0.0);
        for (int q = start[(int) t]; q < start[(int) t + 1]; q++) {
          long base = order[q] * row;
          for (int j = 0; j < r; j++) {
            acc[j] += s.get(base + j);
          }
        }
        for (int j = 0; j < r; j++) {
          o.set(t * row + j, acc[j]);
        }
      }
    });
  }

  @Override
  public void gather(Tensor x, Tensor idx, long rows, int k, int cols, Tensor out) {
    int[] ix = indices(idx, k, "gather", "last axis of x " + Shape.str(x.shape()));
    MemorySegment xs = CpuBuf.of(x).seg();
    MemorySegment os = CpuBuf.of(out).seg();
    boolean wide = x.dtype().bytes() == 8;
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols)), (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long xb = r * k;
        int ib = (int) (r * cols);
        for (int j = 0; j < cols; j++) {
          long from = xb + ix[ib + j];
          if (wide) {
            os.setAtIndex(ValueLayout.JAVA_LONG, ib + j, xs.getAtIndex(ValueLayout.JAVA_LONG, from));
          } else {
            os.setAtIndex(ValueLayout.JAVA_INT, ib + j, xs.getAtIndex(ValueLayout.JAVA_INT, from));
          }
        }
      }
    });
  }

  @Override
  public void gatherBackward(Tensor g, Tensor idx, long rows, int k, int cols, Tensor gx) {
    int[] ix = indices(idx, k, "gather", "last axis of x of width " + k);
    if (g.dtype() == DType.F32) {
      MemorySegment gs = CpuBuf.of(g).seg();
      MemorySegment os = CpuBuf.of(gx).seg();
      Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols + k)), (r0, r1) -> {
        float[] acc = new float[k];
        for (long r = r0; r < r1; r++) {
          java.util.Arrays.fill(acc, 0f);
          int ib = (int) (r * cols);
          for (int j = 0; j < cols; j++) {
            acc[ix[ib + j]] += gs.getAtIndex(ValueLayout.JAVA_FLOAT, ib + j);
          }
          MemorySegment.copy(acc, 0, os, ValueLayout.JAVA_FLOAT, r * k * 4, k);
        }
      });
      return;
    }
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    Parallel.range(rows, Math.max(1, GRAIN / Math.max(1, cols + k)), (r0, r1) -> {
      double[] acc = new double[k];
      for (long r = r0; r < r1; r++) {
        java.util.Arrays.fill(acc, 0.0);
        int ib = (int) (r * cols);
        for (int j = 0; j < cols; j++) {
          acc[ix[ib + j]] += gb.get(ib + j);
        }
        for (int c = 0; c < k; c++) {
          o.set(r * k + c, acc[c]);
        }
      }
    });
  }
}
