package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import java.lang.foreign.MemorySegment;

/** CPU reference for {@link Arith}: broadcasting binary ops, in-place add, affine, sum-to-shape. */
final class ArithCpu implements Arith.Kernels {
  private static final long GRAIN = 1 << 14;

  static double op(Arith.Kind kind, double x, double y) {
    return switch (kind) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
    };
  }

  @Override
  public void binary(Arith.Kind kind, Tensor a, Tensor b, Tensor out) {
    CpuBuf x = CpuBuf.of(a);
    CpuBuf y = CpuBuf.of(b);
    CpuBuf o = CpuBuf.of(out);
    long n = out.numel();
    if (x.isF32() && y.isF32() && o.isF32() && binaryF32(kind, a, b, out, x, y, o)) {
      return;
    }
    if (a.numel() == n && b.numel() == n) {
      Parallel.range(n, GRAIN, (s, e) -> {
        for (long i = s; i < e; i++) {
          o.set(i, op(kind, x.get(i), y.get(i)));
        }
      });
      return;
    }
    if (a.numel() == n && b.numel() > 0 && isSuffix(b.shape(), out.shape())) {
      long period = b.numel(); // b repeats along the leading axes, e.g. a bias over rows
      // Walk the period alongside i instead of taking i % period per element (a division each).
      Parallel.range(n, GRAIN, (s, e) -> {
        long j = s % period;
        for (long i = s; i < e; i++) {
          o.set(i, op(kind, x.get(i), y.get(j)));
          if (++j == period) {
            j = 0;
          }
        }
      });
      return;
    }
    int[] os = out.shape();
    long[] sa = Shape.broadcastStrides(a.shape(), os);
    long[] sb = Shape.broadcastStrides(b.shape(), os);
    Parallel.range(n, GRAIN, (s, e) -> {
      int rank = os.length;
      int[] idx = new int[rank];
      long rem = s;
      long ia = 0;
      long ib = 0;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d] = (int) (rem % os[d]);
        rem /= os[d];
        ia += idx[d] * sa[d];
        ib += idx[d] * sb[d];
      }
      for (long i = s; i < e; i++) {
        o.set(i, op(kind, x.get(ia), y.get(ib)));
        for (int d = rank - 1; d >= 0; d--) {
          idx[d]++;
          ia += sa[d];
          ib += sb[d];
          if (idx[d] < os[d]) {
            break;
          }
          ia -= sa[d] * os[d];
          ib -= sb[d] * os[d];
          idx[d] = 0;
        }
      }
    });
  }

  /**
   * The F32 cases the model spends its time in — same shapes, and one operand repeating along the
   * leading axes of the other (a bias, a scalar) — on contiguous float runs; false for other shapes.
   */
  private static boolean binaryF32(Arith.Kind kind, Tensor a, Tensor b, Tensor out, CpuBuf x,
      CpuBuf y, CpuBuf o) {
    long n = out.numel();
    FloatArith.Impl f = FloatArith.IMPL;
    if (a.numel() == n && b.numel() == n) {
      Parallel.range(n, GRAIN, (s, e) -> f.run(kind, x.seg(), s, y.seg(), s, o.seg(), s, e - s));
      return true;
    }
    boolean bRepeats = a.numel() == n && b.numel() > 0 && isSuffix(b.shape(), out.shape());
    boolean aRepeats = !bRepeats && b.numel() == n && a.numel() > 0 && isSuffix(a.shape(), out.shape());
    if (!bRepeats && !aRepeats) {
      return broadcastRowsF32(kind, a, b, out, x, y, o);
    }
    long period = bRepeats ? b.numel() : a.numel();
    if (period == 1) {
      if (bRepeats) {
        float v = (float) y.get(0);
        Parallel.range(n, GRAIN, (s, e) -> f.runScalarRight(kind, x.seg(), s, v, o.seg(), s, e - s));
      } else {
        float v = (float) x.get(0);
        Parallel.range(n, GRAIN, (s, e) -> f.runScalarLeft(kind, v, y.seg(), s, o.seg(), s, e - s));
      }
      return true;
    }
    Parallel.range(n, GRAIN, (s, e) -> {
      long i = s;
      long j = s % period;
      while (i < e) {
        long len = Math.min(period - j, e - i);
        if (bRepeats) {
          f.run(kind, x.seg(), i, y.seg(), j, o.seg(), i, len);
        } else {
          f.run(kind, x.seg(), j, y.seg(), i, o.seg(), i, len);
        }
        i += len;
        j = 0;
      }
    });
    return true;
  }

  /**
   * General broadcasting in F32, one output row (last axis) at a time: along that axis each operand
   * is either contiguous or a repeated scalar (e.g. [B, n, S, 1] times [d]), so each row is one
   * contiguous run. False when rows are too short for that to pay.
   */
  private static boolean broadcastRowsF32(Arith.Kind kind, Tensor a, Tensor b, Tensor out, CpuBuf x,
      CpuBuf y, CpuBuf o) {
    int[] os = out.shape();
    int rank = os.length;
    if (rank < 2 || os[rank - 1] < 8) {
      return false;
    }
    long[] sa = Shape.broadcastStrides(a.shape(), os);
    long[] sb = Shape.broadcastStrides(b.shape(), os);
    long last = os[rank - 1];
    long stepA = sa[rank - 1];
    long stepB = sb[rank - 1];
    if (stepA == 0 && stepB == 0) {
      return false;
    }
    long rows = out.numel() / last;
    FloatArith.Impl f = FloatArith.IMPL;
    Parallel.range(rows, Math.max(1, GRAIN / last), (r0, r1) -> {
      int[] idx = new int[rank - 1];
      long rem = r0;
      long ia = 0;
      long ib = 0;
      for (int d = rank - 2; d >= 0; d--) {
        idx[d] = (int) (rem % os[d]);
        rem /= os[d];
        ia += idx[d] * sa[d];
        ib += idx[d] * sb[d];
      }
      for (long r = r0; r < r1; r++) {
        long oi = r * last;
        if (stepA == 0) {
          f.runScalarLeft(kind, FloatArith.get(x.seg(), ia), y.seg(), ib, o.seg(), oi, last);
        } else if (stepB == 0) {
          f.runScalarRight(kind, x.seg(), ia, FloatArith.get(y.seg(), ib), o.seg(), oi, last);
        } else {
          f.run(kind, x.seg(), ia, y.seg(), ib, o.seg(), oi, last);
        }
        for (int d = rank - 2; d >= 0; d--) {
          idx[d]++;
          ia += sa[d];
          ib += sb[d];
          if (idx[d] < os[d]) {
            break;
          }
          ia -= sa[d] * os[d];
          ib -= sb[d] * os[d];
          idx[d] = 0;
        }
      }
    });
    return true;
  }

  /** True when {@code small}, without its leading 1s, equals the trailing axes of {@code big}. */
  static boolean isSuffix(int[] small, int[] big) {
    int from = 0;
    while (from < small.length && small[from] == 1) {
      from++;
    }
    int len = small.length - from;
    if (len > big.length) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (small[from + i] != big[big.length - len + i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void addInPlace(Tensor dst, Tensor src) {
    CpuBuf d = CpuBuf.of(dst);
    CpuBuf s = CpuBuf.of(src);
    if (d.isF32() && s.isF32()) {
      FloatArith.Impl f = FloatArith.IMPL;
      Parallel.range(dst.numel(), GRAIN,
          (a, e) -> f.run(Arith.Kind.ADD, d.seg(), a, s.seg(), a, d.seg(), a, e - a));
      return;
    }
    Parallel.range(dst.numel(), GRAIN, (a, e) -> {
      for (long i = a; i < e; i++) {
        d.set(i, d.get(i) + s.get(i));
      }
    });
  }

  @Override
  public void affine(Tensor x, double scale, double shift, Tensor out) {
    CpuBuf in = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    if (in.isF32() && o.isF32()) {
      // In double like the reference, minus the per-element dtype dispatch.
      MemorySegment is = in.seg();
      MemorySegment os = o.seg();
      Parallel.range(x.numel(), GRAIN, (s, e) -> {
        for (long i = s; i < e; i++) {
          FloatArith.set(os, i, (float) (FloatArith.get(is, i) * scale + shift));
        }
      });
      return;
    }
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        o.set(i, in.get(i) * scale + shift);
      }
    });
  }

  @Override
  public void sumTo(Tensor src, Tensor dst) {
    CpuBuf in = CpuBuf.of(src);
    CpuBuf out = CpuBuf.of(dst);
    int[] ss = src.shape();
    long cols = dst.numel();
    if (isSuffix(dst.shape(), ss)) {
      // Leading axes reduced: rows of length cols summed in fixed chunks, combined in order.
      long rows = src.numel() / cols;
      long chunks = Parallel.chunks(rows, Math.max(1, GRAIN / Math.max(1, cols)));
      double[][] partial = new double[(int) chunks][(int) cols];
      Parallel.chunked(rows, Math.max(1, GRAIN / Math.max(1, cols)), (c, r0, r1) -> {
        double[] acc = partial[c];
        if (in.isF32()) {
          MemorySegment is = in.seg();
          for (long r = r0; r < r1; r++) {
            long base = r * cols;
            for (int j = 0; j < cols; j++) {
              acc[j] += FloatArith.get(is, base + j);
            }
          }
          return;
        }
        for (long r = r0; r < r1; r++) {
          long base = r * cols;
          for (int j = 0; j < cols; j++) {
            acc[j] += in.get(base + j);
          }
        }
      });
      for (int j = 0; j < cols; j++) {
        double t = 0;
        for (double[] p : partial) {
          t += p[j];
        }
        out.set(j, t);
      }
      return;
    }
    // General case: for each output element, add up the source elements that broadcast to it.
    int rank = ss.length;
    long[] ds = Shape.broadcastStrides(dst.shape(), ss);
    long[] srcStrides = Shape.strides(ss);
    int nReduced = 0;
    for (int d = 0; d < rank; d++) {
      if (ds[d] == 0 && ss[d] > 1) {
        nReduced++;
      }
    }
    int[] red = new int[nReduced];
    int[] kept = new int[rank - nReduced];
    for (int d = 0, r = 0, k = 0; d < rank; d++) {
      if (ds[d] == 0 && ss[d] > 1) {
        red[r++] = d;
      } else {
        kept[k++] = d;
      }
    }
    long redCount = 1;
    for (int d : red) {
      redCount *= ss[d];
    }
    long[] redOffsets = new long[(int) redCount];
    for (int r = 0; r < redCount; r++) {
      long rem = r;
      long off = 0;
      for (int q = red.length - 1; q >= 0; q--) {
        int d = red[q];
        off += (rem % ss[d]) * srcStrides[d];
        rem /= ss[d];
      }
      redOffsets[r] = off;
    }
    Parallel.range(cols, Math.max(1, GRAIN / redCount), (s, e) -> {
      for (long o = s; o < e; o++) {
        long rem = o;
        long base = 0;
        for (int q = kept.length - 1; q >= 0; q--) {
          int d = kept[q];
          base += (rem % ss[d]) * srcStrides[d];
          rem /= ss[d];
        }
        double t = 0;
        for (long off : redOffsets) {
          t += in.get(base + off);
        }
        out.set(o, t);
      }
    });
  }
}
