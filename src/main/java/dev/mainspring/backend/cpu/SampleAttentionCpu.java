package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.SampleAttention;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * CPU kernels for {@link SampleAttention}, parallel over sites (b, l): one task owns the n rows of
 * d features at its site in q, k, v, out and their gradients, so tasks never write the same
 * element.
 *
 * <p>Two paths computing the same thing. The reference path reads through {@link CpuBuf} in double
 * precision (gradient checks run it in F64) and is what the CUDA kernels mirror: per query row,
 * scores over the allowed rows, log-sum-exp, weighted sum; backward recomputes the row from the
 * saved log-sum-exp. The F32 fast path gathers a site's rows into heap arrays, keeps k and v also
 * transposed ([feature][sample]) so the loops over keys are unit-stride, and leaves the inner loops
 * to {@link AttentionRows}.
 */
final class SampleAttentionCpu extends TwoPathAttention implements SampleAttention.Kernels {
  SampleAttentionCpu() {
    this(AttentionRows.best());
  }

  SampleAttentionCpu(AttentionRows rows) {
    super(rows);
  }

  /** The geometry of one call; a task is one site (b, l). */
  private record Dims(int batch, int samples, int sites, int width, int heads, boolean causal) {
    static Dims of(Tensor q, int heads, boolean causal) {
      return new Dims(q.dim(0), q.dim(1), q.dim(2), q.dim(3), heads, causal);
    }

    int dh() {
      return width / heads;
    }

    long tasks() {
      return (long) batch * sites;
    }

    /** Element offset of row i at site task t = b·S + l. */
    long row(long t, int i) {
      long b = t / sites;
      long l = t % sites;
      return ((b * samples + i) * sites + l) * width;
    }

    /** Keys row i may attend to: rows 0..keys(i)-1. */
    int keys(int i) {
      return causal ? i : samples;
    }
  }

  @Override
  public void forward(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal,
      Tensor out, Tensor lse) {
    Dims dm = Dims.of(q, heads, causal);
    if (fast(q, k, v, mask, out, lse)) {
      fastForward(dm, q, k, v, mask, out, lse);
    } else {
      referenceForward(dm, q, k, v, mask, out, lse);
    }
  }

  @Override
  public void backward(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal,
      Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv) {
    Dims dm = Dims.of(q, heads, causal);
    if (fast(q, k, v, mask, out, lse, gOut, gq, gk, gv)) {
      fastBackward(dm, q, k, v, mask, out, lse, gOut, gq, gk, gv);
    } else {
      referenceBackward(dm, q, k, v, mask, out, lse, gOut, gq, gk, gv);
    }
  }

  // ---- reference path (any dtype, double accumulation) -------------------------------------

  private static void referenceForward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor mask,
      Tensor out, Tensor lse) {
    Views io = Views.forward(q, k, v, mask, out, lse);
    int n = dm.samples();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    double scale = 1.0 / Math.sqrt(dh);
    Parallel.range(dm.tasks(), 1, (t0, t1) -> {
      double[] s = new double[n];
      for (long t = t0; t < t1; t++) {
        if (!valid(io.mask(), t)) {
          for (int i = 0; i < n; i++) {
            long row = dm.row(t, i);
            for (int c = 0; c < d; c++) {
              io.out().set(row + c, 0.0);
            }
            for (int h = 0; h < H; h++) {
              io.lse().set((t * H + h) * n + i, 0.0);
            }
          }
          continue;
        }
        for (int h = 0; h < H; h++) {
          int f = h * dh;
          for (int i = 0; i < n; i++) {
            long row = dm.row(t, i) + f;
            int keys = dm.keys(i);
            if (keys == 0) {
              for (int c = 0; c < dh; c++) {
                io.out().set(row + c, 0.0);
              }
              io.lse().set((t * H + h) * n + i, Double.NEGATIVE_INFINITY);
              continue;
            }
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < keys; j++) {
              long key = dm.row(t, j) + f;
              double dot = 0;
              for (int c = 0; c < dh; c++) {
                dot += io.q().get(row + c) * io.k().get(key + c);
              }
              s[j] = scale * dot;
              m = Math.max(m, s[j]);
            }
            double sum = 0;
            for (int j = 0; j < keys; j++) {
              sum += Math.exp(s[j] - m);
            }
            double lseRow = m + Math.log(sum);
            io.lse().set((t * H + h) * n + i, lseRow);
            for (int j = 0; j < keys; j++) {
              s[j] = Math.exp(s[j] - lseRow); // now the attention weight
            }
            for (int c = 0; c < dh; c++) {
              double acc = 0;
              for (int j = 0; j < keys; j++) {
                acc += s[j] * io.v().get(dm.row(t, j) + f + c);
              }
              io.out().set(row + c, acc);
            }
          }
        }
      }
    });
  }

  private static void referenceBackward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor mask,
      Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv) {
    Views io = Views.backward(q, k, v, mask, out, lse, gOut, gq, gk, gv);
    int n = dm.samples();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    double scale = 1.0 / Math.sqrt(dh);
    Parallel.range(dm.tasks(), 1, (t0, t1) -> {
      double[] dq = new double[n * d];
      double[] dk = new double[n * d];
      double[] dv = new double[n * d];
      for (long t = t0; t < t1; t++) {
        Arrays.fill(dq, 0);
        Arrays.fill(dk, 0);
        Arrays.fill(dv, 0);
        if (valid(io.mask(), t)) {
          for (int h = 0; h < H; h++) {
            int f = h * dh;
            for (int i = 0; i < n; i++) {
              int keys = dm.keys(i);
              if (keys == 0) {
                continue;
              }
              long row = dm.row(t, i) + f;
              double lseRow = io.lse().get((t * H + h) * n + i);
              double rowDot = 0; // D_i = dO_i · O_i
              for (int c = 0; c < dh; c++) {
                rowDot += io.gOut().get(row + c) * io.out().get(row + c);
              }
              for (int j = 0; j < keys; j++) {
                long key = dm.row(t, j) + f;
                double dot = 0;
                double dp = 0;
                for (int c = 0; c < dh; c++) {
                  dot += io.q().get(row + c) * io.k().get(key + c);
                  dp += io.gOut().get(row + c) * io.v().get(key + c);
                }
                double p = Math.exp(scale * dot - lseRow);
                double ds = p * (dp - rowDot);
                for (int c = 0; c < dh; c++) {
                  dq[i * d + f + c] += scale * ds * io.k().get(key + c);
                  dk[j * d + f + c] += scale * ds * io.q().get(row + c);
                  dv[j * d + f + c] += p * io.gOut().get(row + c);
                }
              }
            }
          }
        }
        for (int i = 0; i < n; i++) {
          long row = dm.row(t, i);
          for (int c = 0; c < d; c++) {
            io.gq().set(row + c, dq[i * d + c]);
            io.gk().set(row + c, dk[i * d + c]);
            io.gv().set(row + c, dv[i * d + c]);
          }
        }
      }
    });
  }

  // ---- F32 fast path ----------------------------------------------------------------------

  private static boolean[] validSites(Dims dm, Tensor mask) {
    boolean[] ok = new boolean[(int) dm.tasks()];
    if (mask == null) {
      Arrays.fill(ok, true);
    } else {
      float[] m = mask.toFloatArray();
      for (int e = 0; e < ok.length; e++) {
        ok[e] = m[e] != 0f;
      }
    }
    return ok;
  }

  /** Gathers the n rows of site task t into dst [n][d]. */
  private static void gather(Dims dm, MemorySegment src, long t, float[] dst) {
    int d = dm.width();
    for (int i = 0; i < dm.samples(); i++) {
      FloatRows.load(src, dm.row(t, i), dst, i * d, d);
    }
  }

  private static void scatter(Dims dm, float[] src, MemorySegment dst, long t) {
    int d = dm.width();
    for (int i = 0; i < dm.samples(); i++) {
      FloatRows.store(src, i * d, dst, dm.row(t, i), d);
    }
  }

  private void fastForward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor mask, Tensor out,
      Tensor lse) {
    Segments sg = Segments.forward(q, k, v, out, lse);
    boolean[] valid = validSites(dm, mask);
    int n = dm.samples();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    float scale = (float) (1.0 / Math.sqrt(dh));
    AttentionRows r = rows;
    Parallel.range(dm.tasks(), 1, (t0, t1) -> {
      float[] qa = new float[n * d];
      float[] ka = new float[n * d];
      float[] va = new float[n * d];
      float[][] kt = new float[d][n];
      float[][] vt = new float[d][n];
      float[] oa = new float[n * d];
      float[] la = new float[H * n];
      float[] s = new float[n];
      for (long t = t0; t < t1; t++) {
        Arrays.fill(oa, 0f);
        if (!valid[(int) t]) {
          Arrays.fill(la, 0f);
        } else {
          gather(dm, sg.q(), t, qa);
          gather(dm, sg.k(), t, ka);
          gather(dm, sg.v(), t, va);
          FloatRows.transpose(ka, n, d, kt);
          FloatRows.transpose(va, n, d, vt);
          for (int h = 0; h < H; h++) {
            int f = h * dh;
            for (int i = 0; i < n; i++) {
              int keys = dm.keys(i);
              if (keys == 0) {
                la[h * n + i] = Float.NEGATIVE_INFINITY;
                continue;
              }
              int qo = i * d + f;
              r.scores(scale, qa, qo, dh, kt, f, 0, keys, s);
              float m = r.max(s, 0, keys);
              float sum = r.expShift(s, 0, keys, m);
              r.mix(s, 0, keys, va, d, vt, f, dh, oa, qo);
              float inv = 1f / sum;
              for (int c = 0; c < dh; c++) {
                oa[qo + c] *= inv;
              }
              la[h * n + i] = m + (float) Math.log(sum);
            }
          }
        }
        scatter(dm, oa, sg.out(), t);
        FloatRows.store(la, sg.lse(), t * H * n, H * n);
      }
    });
  }

  private void fastBackward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor mask, Tensor out,
      Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv) {
    Segments sg = Segments.backward(q, k, v, out, lse, gOut, gq, gk, gv);
    boolean[] valid = validSites(dm, mask);
    int n = dm.samples();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    float scale = (float) (1.0 / Math.sqrt(dh));
    AttentionRows r = rows;
    Parallel.range(dm.tasks(), 1, (t0, t1) -> {
      float[] qa = new float[n * d];
      float[] ka = new float[n * d];
      float[] va = new float[n * d];
      float[] oa = new float[n * d];
      float[] ga = new float[n * d];
      float[][] kt = new float[d][n];
      float[][] vt = new float[d][n];
      float[] dq = new float[n * d];
      float[][] dkt = new float[d][n];
      float[][] dvt = new float[d][n];
      float[] la = new float[H * n];
      float[][] pb = new float[AttentionRows.BLOCK][n];
      float[][] dsb = new float[AttentionRows.BLOCK][n];
      int[] qoff = new int[AttentionRows.BLOCK];
      boolean causal = dm.causal();
      for (long t = t0; t < t1; t++) {
        Arrays.fill(dq, 0f);
        FloatRows.zero(dkt);
        FloatRows.zero(dvt);
        if (valid[(int) t]) {
          gather(dm, sg.q(), t, qa);
          gather(dm, sg.k(), t, ka);
          gather(dm, sg.v(), t, va);
          gather(dm, sg.out(), t, oa);
          gather(dm, sg.gOut(), t, ga);
          FloatRows.load(sg.lse(), t * H * n, la, H * n);
          FloatRows.transpose(ka, n, d, kt);
          FloatRows.transpose(va, n, d, vt);
          for (int h = 0; h < H; h++) {
            int f = h * dh;
            int next = causal ? 1 : 0; // causal row 0 has no key
            while (next < n) {
              int rows = Math.min(AttentionRows.BLOCK, n - next);
              int u1 = dm.keys(next + rows - 1); // the block's widest key range [0, u1)
              for (int b = 0; b < rows; b++) {
                int i = next + b;
                int keys = dm.keys(i);
                int qo = i * d + f;
                float[] p = pb[b];
                float[] ds = dsb[b];
                r.scores(scale, qa, qo, dh, kt, f, 0, keys, p);
                r.expShift(p, 0, keys, la[h * n + i]); // p = attention weights
                r.scores(1f, ga, qo, dh, vt, f, 0, keys, ds); // dP = dO·v
                float rowDot = r.dot(ga, qo, oa, qo, dh); // D_i = dO_i·O_i
                r.softmaxGrad(p, ds, 0, keys, rowDot, scale, null);
                r.mix(ds, 0, keys, ka, d, kt, f, dh, dq, qo);
                Arrays.fill(p, keys, u1, 0f); // keys a causal row may not see
                Arrays.fill(ds, keys, u1, 0f);
                qoff[b] = qo;
              }
              r.rankUpdate(qa, qoff, rows, dh, dsb, 0, u1, dkt, f);
              r.rankUpdate(ga, qoff, rows, dh, pb, 0, u1, dvt, f);
              next += rows;
            }
          }
        }
        scatter(dm, dq, sg.gq(), t);
        FloatRows.untranspose(dkt, n, d, ka);
        scatter(dm, ka, sg.gk(), t);
        FloatRows.untranspose(dvt, n, d, va);
        scatter(dm, va, sg.gv(), t);
      }
    });
  }
}
