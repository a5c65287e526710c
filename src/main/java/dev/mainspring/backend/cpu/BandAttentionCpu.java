package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.ElementwiseMath;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * CPU kernels for {@link BandAttention}, parallel over (b, i): one task owns the [S, d] slices of
 * sample i of example b in q, k, v, out and all their gradients, so no two tasks write the same
 * element and the decay gradient is summed per chunk and combined in chunk order (deterministic).
 *
 * <p>Two paths computing the same thing. The reference path reads through {@link CpuBuf} in double
 * precision (gradient checks run it in F64) and is what the CUDA kernels mirror: per query row,
 * scores over the band, log-sum-exp, weighted sum; backward recomputes the row from the saved
 * log-sum-exp. The F32 fast path copies a task's slices into heap arrays, keeps k and v also
 * transposed so the band loops run along the keys, and leaves the inner loops to
 * {@link AttentionRows}.
 */
final class BandAttentionCpu extends TwoPathAttention implements BandAttention.Kernels {
  BandAttentionCpu() {
    this(AttentionRows.best());
  }

  BandAttentionCpu(AttentionRows rows) {
    super(rows);
  }

  /** The geometry of one call. */
  private record Dims(int batch, int samples, int sites, int width, int heads, int window) {
    static Dims of(Tensor q, int heads, int window) {
      return new Dims(q.dim(0), q.dim(1), q.dim(2), q.dim(3), heads, window);
    }

    int dh() {
      return width / heads;
    }

    /** Most keys one query sees. */
    int band() {
      return (int) Math.min(sites, 2L * window + 1);
    }

    int lo(int l) {
      return Math.max(0, l - window);
    }

    int hi(int l) {
      return (int) Math.min(sites - 1L, (long) l + window);
    }

    long tasks() {
      return (long) batch * samples;
    }
  }

  @Override
  public void forward(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads,
      int window, Tensor out, Tensor lse) {
    Dims dm = Dims.of(q, heads, window);
    if (fast(q, k, v, pos, a, mask, out, lse)) {
      fastForward(dm, q, k, v, pos, a, mask, out, lse);
    } else {
      referenceForward(dm, q, k, v, pos, a, mask, out, lse);
    }
  }

  @Override
  public void backward(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads,
      int window, Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv, Tensor ga) {
    Dims dm = Dims.of(q, heads, window);
    double[] sums = fast(q, k, v, pos, a, mask, out, lse, gOut, gq, gk, gv, ga)
        ? fastBackward(dm, q, k, v, pos, a, mask, out, lse, gOut, gq, gk, gv)
        : referenceBackward(dm, q, k, v, pos, a, mask, out, lse, gOut, gq, gk, gv);
    // score += −softplus(a_h)·dist, so dL/da_h = −sigmoid(a_h) · Σ dS·dist.
    CpuBuf av = CpuBuf.of(a);
    CpuBuf gav = CpuBuf.of(ga);
    for (int h = 0; h < heads; h++) {
      gav.set(h, -ElementwiseMath.sigmoid(av.get(h)) * sums[h]);
    }
  }

  private static double[] slopes(Tensor a) {
    double[] s = a.toDoubleArray();
    for (int h = 0; h < s.length; h++) {
      s[h] = ElementwiseMath.softplus(s[h]);
    }
    return s;
  }

  // ---- reference path (any dtype, double accumulation) -------------------------------------

  private static void referenceForward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor pos,
      Tensor a, Tensor mask, Tensor out, Tensor lse) {
    Views io = Views.forward(q, k, v, mask, out, lse);
    CpuBuf pb = CpuBuf.of(pos);
    double[] slope = slopes(a);
    int n = dm.samples();
    int S = dm.sites();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    double scale = 1.0 / Math.sqrt(dh);
    Parallel.range(dm.tasks(), 1, (t0, t1) -> {
      double[] s = new double[dm.band()];
      for (long t = t0; t < t1; t++) {
        long b = t / n;
        long base = t * S * d;
        for (int l = 0; l < S; l++) {
          long row = base + (long) l * d;
          if (!valid(io.mask(), b * S + l)) {
            for (int c = 0; c < d; c++) {
              io.out().set(row + c, 0.0);
            }
            for (int h = 0; h < H; h++) {
              io.lse().set((t * H + h) * S + l, 0.0);
            }
            continue;
          }
          int lo = dm.lo(l);
          int hi = dm.hi(l);
          double pl = pb.get(b * S + l);
          for (int h = 0; h < H; h++) {
            int f = h * dh;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = lo; j <= hi; j++) {
              double sj = Double.NEGATIVE_INFINITY;
              if (valid(io.mask(), b * S + j)) {
                long key = base + (long) j * d + f;
                double dot = 0;
                for (int c = 0; c < dh; c++) {
                  dot += io.q().get(row + f + c) * io.k().get(key + c);
                }
                sj = scale * dot - slope[h] * Math.abs(pl - pb.get(b * S + j));
              }
              s[j - lo] = sj;
              m = Math.max(m, sj);
            }
            double sum = 0;
            for (int j = lo; j <= hi; j++) {
              sum += Math.exp(s[j - lo] - m);
            }
            double lseRow = m + Math.log(sum);
            io.lse().set((t * H + h) * S + l, lseRow);
            for (int j = lo; j <= hi; j++) {
              s[j - lo] = Math.exp(s[j - lo] - lseRow); // now the attention weight
            }
            for (int c = 0; c < dh; c++) {
              double acc = 0;
              for (int j = lo; j <= hi; j++) {
                if (s[j - lo] != 0.0) {
                  acc += s[j - lo] * io.v().get(base + (long) j * d + f + c);
                }
              }
              io.out().set(row + f + c, acc);
            }
          }
        }
      }
    });
  }

  /** Writes gq, gk, gv; returns Σ dS·|Δpos| per head (the decay gradient before −sigmoid(a)). */
  private static double[] referenceBackward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor pos,
      Tensor a, Tensor mask, Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv) {
    Views io = Views.backward(q, k, v, mask, out, lse, gOut, gq, gk, gv);
    CpuBuf pb = CpuBuf.of(pos);
    double[] slope = slopes(a);
    int n = dm.samples();
    int S = dm.sites();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    double scale = 1.0 / Math.sqrt(dh);
    int chunks = (int) Parallel.chunks(dm.tasks(), 1);
    double[][] partial = new double[chunks][H];
    Parallel.chunked(dm.tasks(), 1, (chunk, t0, t1) -> {
      double[] dq = new double[S * d];
      double[] dk = new double[S * d];
      double[] dv = new double[S * d];
      for (long t = t0; t < t1; t++) {
        long b = t / n;
        long base = t * S * d;
        Arrays.fill(dq, 0);
        Arrays.fill(dk, 0);
        Arrays.fill(dv, 0);
        for (int l = 0; l < S; l++) {
          if (!valid(io.mask(), b * S + l)) {
            continue;
          }
          long row = base + (long) l * d;
          int lo = dm.lo(l);
          int hi = dm.hi(l);
          double pl = pb.get(b * S + l);
          for (int h = 0; h < H; h++) {
            int f = h * dh;
            double lseRow = io.lse().get((t * H + h) * S + l);
            double rowDot = 0; // D_l = dO_l · O_l
            for (int c = 0; c < dh; c++) {
              rowDot += io.gOut().get(row + f + c) * io.out().get(row + f + c);
            }
            for (int j = lo; j <= hi; j++) {
              if (!valid(io.mask(), b * S + j)) {
                continue;
              }
              long key = base + (long) j * d + f;
              double dot = 0;
              double dp = 0;
              for (int c = 0; c < dh; c++) {
                dot += io.q().get(row + f + c) * io.k().get(key + c);
                dp += io.gOut().get(row + f + c) * io.v().get(key + c);
              }
              double dist = Math.abs(pl - pb.get(b * S + j));
              double p = Math.exp(scale * dot - slope[h] * dist - lseRow);
              double ds = p * (dp - rowDot);
              partial[chunk][h] += ds * dist;
              for (int c = 0; c < dh; c++) {
                dq[l * d + f + c] += scale * ds * io.k().get(key + c);
                dk[j * d + f + c] += scale * ds * io.q().get(row + f + c);
                dv[j * d + f + c] += p * io.gOut().get(row + f + c);
              }
            }
          }
        }
        for (int e = 0; e < S * d; e++) {
          io.gq().set(base + e, dq[e]);
          io.gk().set(base + e, dk[e]);
          io.gv().set(base + e, dv[e]);
        }
      }
    });
    return combine(partial, H);
  }

  static double[] combine(double[][] partial, int heads) {
    double[] sums = new double[heads];
    for (double[] p : partial) {
      for (int h = 0; h < heads; h++) {
        sums[h] += p[h];
      }
    }
    return sums;
  }

  // ---- F32 fast path ----------------------------------------------------------------------

  /**
   * Per-site tables of one call, [B·S]: key bias (0 valid, −∞ padded) and positions (0 where
   * padded, so garbage there cannot turn into NaN gradients); and the per-head slopes.
   */
  private record Sites(float[] keyBias, float[] pos, float[] slope) {
    static Sites of(Tensor pos, Tensor a, Tensor mask) {
      float[] p = pos.toFloatArray();
      float[] bias = new float[p.length];
      if (mask != null) {
        float[] m = mask.toFloatArray();
        for (int e = 0; e < p.length; e++) {
          if (m[e] == 0f) {
            bias[e] = Float.NEGATIVE_INFINITY;
            p[e] = 0f;
          }
        }
      }
      double[] sl = slopes(a);
      float[] slope = new float[sl.length];
      for (int h = 0; h < sl.length; h++) {
        slope[h] = (float) sl[h];
      }
      return new Sites(bias, p, slope);
    }
  }

  /**
   * One task's working set: its [S, d] slices row-major and transposed ([feature][site]), and the
   * per-example site tables, so every key loop indexes its arrays by site.
   */
  private static final class Tile {
    final int sites;
    final int width;
    final float[] q;
    final float[] k;
    final float[] v;
    final float[][] kt;
    final float[][] vt;
    final float[] pos;
    final float[] keyBias;

    Tile(int sites, int width) {
      this.sites = sites;
      this.width = width;
      q = new float[sites * width];
      k = new float[sites * width];
      v = new float[sites * width];
      kt = new float[width][sites];
      vt = new float[width][sites];
      pos = new float[sites];
      keyBias = new float[sites];
    }

    /** Loads task t's q, k, v (padded rows of k and v zeroed) and example b's site tables. */
    void load(MemorySegment qs, MemorySegment ks, MemorySegment vs, long base, Sites st, int b) {
      int n = sites * width;
      System.arraycopy(st.pos(), b * sites, pos, 0, sites);
      System.arraycopy(st.keyBias(), b * sites, keyBias, 0, sites);
      FloatRows.load(qs, base, q, n);
      FloatRows.load(ks, base, k, n);
      FloatRows.load(vs, base, v, n);
      for (int j = 0; j < sites; j++) {
        if (keyBias[j] != 0f) { // garbage at padding must never reach a sum, even times 0
          Arrays.fill(k, j * width, (j + 1) * width, 0f);
          Arrays.fill(v, j * width, (j + 1) * width, 0f);
        }
      }
      FloatRows.transpose(k, sites, width, kt);
      FloatRows.transpose(v, sites, width, vt);
    }

    boolean padded(int site) {
      return keyBias[site] != 0f;
    }
  }

  private void fastForward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a,
      Tensor mask, Tensor out, Tensor lse) {
    Segments sg = Segments.forward(q, k, v, out, lse);
    Sites sites = Sites.of(pos, a, mask);
    int n = dm.samples();
    int S = dm.sites();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    float scale = (float) (1.0 / Math.sqrt(dh));
    AttentionRows r = rows;
    Parallel.range(dm.tasks(), 1, (t0, t1) -> {
      Tile tile = new Tile(S, d);
      float[] oa = new float[S * d];
      float[] la = new float[H * S];
      float[] s = new float[S];
      float[] dist = new float[S];
      for (long t = t0; t < t1; t++) {
        long base = t * S * d;
        tile.load(sg.q(), sg.k(), sg.v(), base, sites, (int) (t / n));
        Arrays.fill(oa, 0f);
        for (int h = 0; h < H; h++) {
          int f = h * dh;
          float slope = sites.slope()[h];
          for (int l = 0; l < S; l++) {
            if (tile.padded(l)) {
              la[h * S + l] = 0f;
              continue;
            }
            int lo = dm.lo(l);
            int end = dm.hi(l) + 1;
            int qo = l * d + f;
            r.scores(scale, tile.q, qo, dh, tile.kt, f, lo, end, s);
            float m = r.bias(s, lo, end, slope, tile.pos[l], tile.pos, tile.keyBias, dist);
            float sum = r.expShift(s, lo, end, m);
            r.mix(s, lo, end, tile.v, d, tile.vt, f, dh, oa, qo);
            float inv = 1f / sum;
            for (int c = 0; c < dh; c++) {
              oa[qo + c] *= inv;
            }
            la[h * S + l] = m + (float) Math.log(sum);
          }
        }
        FloatRows.store(oa, sg.out(), base, S * d);
        FloatRows.store(la, sg.lse(), t * H * S, H * S);
      }
    });
  }

  private double[] fastBackward(Dims dm, Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a,
      Tensor mask, Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv) {
    Segments sg = Segments.backward(q, k, v, out, lse, gOut, gq, gk, gv);
    Sites sites = Sites.of(pos, a, mask);
    int n = dm.samples();
    int S = dm.sites();
    int d = dm.width();
    int H = dm.heads();
    int dh = dm.dh();
    float scale = (float) (1.0 / Math.sqrt(dh));
    int chunks = (int) Parallel.chunks(dm.tasks(), 1);
    double[][] partial = new double[chunks][H];
    AttentionRows r = rows;
    Parallel.chunked(dm.tasks(), 1, (chunk, t0, t1) -> {
      Tile tile = new Tile(S, d);
      float[] oa = new float[S * d];
      float[] ga = new float[S * d];
      float[] dq = new float[S * d];
      float[][] dkt = new float[d][S];
      float[][] dvt = new float[d][S];
      float[] la = new float[H * S];
      float[][] pb = new float[AttentionRows.BLOCK][S];
      float[][] dsb = new float[AttentionRows.BLOCK][S];
      int[] block = new int[AttentionRows.BLOCK];
      int[] qoff = new int[AttentionRows.BLOCK];
      float[] dist = new float[S];
      float[] rowsOut = new float[S * d];
      for (long t = t0; t < t1; t++) {
        long base = t * S * d;
        tile.load(sg.q(), sg.k(), sg.v(), base, sites, (int) (t / n));
        FloatRows.load(sg.out(), base, oa, S * d);
        FloatRows.load(sg.gOut(), base, ga, S * d);
        FloatRows.load(sg.lse(), t * H * S, la, H * S);
        Arrays.fill(dq, 0f);
        FloatRows.zero(dkt);
        FloatRows.zero(dvt);
        for (int h = 0; h < H; h++) {
          int f = h * dh;
          float slope = sites.slope()[h];
          double distGrad = 0;
          int next = 0;
          while (next < S) {
            int rows = 0; // gather up to BLOCK valid query rows
            for (; next < S && rows < AttentionRows.BLOCK; next++) {
              if (!tile.padded(next)) {
                block[rows++] = next;
              }
            }
            if (rows == 0) {
              break;
            }
            int u0 = dm.lo(block[0]);
            int u1 = dm.hi(block[rows - 1]) + 1;
            for (int b = 0; b < rows; b++) {
              int l = block[b];
              int lo = dm.lo(l);
              int end = dm.hi(l) + 1;
              int qo = l * d + f;
              float[] p = pb[b];
              float[] ds = dsb[b];
              r.scores(scale, tile.q, qo, dh, tile.kt, f, lo, end, p);
              r.bias(p, lo, end, slope, tile.pos[l], tile.pos, tile.keyBias, dist);
              r.expShift(p, lo, end, la[h * S + l]); // p = attention weights, 0 at padded keys
              r.scores(1f, ga, qo, dh, tile.vt, f, lo, end, ds); // dP = dO·v
              float rowDot = r.dot(ga, qo, oa, qo, dh); // D_l = dO_l·O_l
              distGrad += r.softmaxGrad(p, ds, lo, end, rowDot, scale, dist);
              r.mix(ds, lo, end, tile.k, d, tile.kt, f, dh, dq, qo);
              // Outside its own band a row adds nothing to the block's key-side update.
              Arrays.fill(p, u0, lo, 0f);
              Arrays.fill(p, end, u1, 0f);
              Arrays.fill(ds, u0, lo, 0f);
              Arrays.fill(ds, end, u1, 0f);
              qoff[b] = qo;
            }
            r.rankUpdate(tile.q, qoff, rows, dh, dsb, u0, u1, dkt, f);
            r.rankUpdate(ga, qoff, rows, dh, pb, u0, u1, dvt, f);
          }
          partial[chunk][h] += distGrad;
        }
        FloatRows.store(dq, sg.gq(), base, S * d);
        storeKeyGrad(dkt, S, d, tile, rowsOut, sg.gk(), base);
        storeKeyGrad(dvt, S, d, tile, rowsOut, sg.gv(), base);
      }
    });
    return combine(partial, H);
  }

  /** Writes a transposed key-side gradient back row-major, exactly +0 at padded sites. */
  private static void storeKeyGrad(float[][] gt, int S, int d, Tile tile, float[] rowsOut,
      MemorySegment dst, long base) {
    FloatRows.untranspose(gt, S, d, rowsOut);
    for (int j = 0; j < S; j++) {
      if (tile.padded(j)) { // whatever signed zeros the sums left
        Arrays.fill(rowsOut, j * d, (j + 1) * d, 0f);
      }
    }
    FloatRows.store(rowsOut, dst, base, S * d);
  }
}
