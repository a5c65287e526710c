package dev.mainspring.tensor.ops;

/**
 * The two attention ops written the obvious way, in double, for tests: build the full score matrix
 * with its mask, softmax each row, take the weighted sum of values. Arrays are row-major
 * [B, n, S, d]; masks and positions [B, S] (null mask = all valid).
 */
final class NaiveAttention {
  private NaiveAttention() {}

  static double[] sample(double[] q, double[] k, double[] v, double[] mask, int B, int n, int S,
      int d, int heads, boolean causal) {
    int dh = d / heads;
    double scale = 1.0 / Math.sqrt(dh);
    double[] out = new double[B * n * S * d];
    for (int b = 0; b < B; b++) {
      for (int l = 0; l < S; l++) {
        if (mask != null && mask[b * S + l] == 0) {
          continue;
        }
        for (int h = 0; h < heads; h++) {
          double[][] scores = new double[n][n];
          boolean[][] allowed = new boolean[n][n];
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              allowed[i][j] = !causal || j < i;
              double dot = 0;
              for (int c = 0; c < dh; c++) {
                dot += q[at(b, i, l, h * dh + c, n, S, d)] * k[at(b, j, l, h * dh + c, n, S, d)];
              }
              scores[i][j] = dot * scale;
            }
          }
          for (int i = 0; i < n; i++) {
            double[] w = softmax(scores[i], allowed[i]);
            for (int c = 0; c < dh; c++) {
              double acc = 0;
              for (int j = 0; j < n; j++) {
                acc += w[j] * v[at(b, j, l, h * dh + c, n, S, d)];
              }
              out[at(b, i, l, h * dh + c, n, S, d)] = acc;
            }
          }
        }
      }
    }
    return out;
  }

  static double[] band(double[] q, double[] k, double[] v, double[] pos, double[] a, double[] mask,
      int B, int n, int S, int d, int heads, int window) {
    int dh = d / heads;
    double scale = 1.0 / Math.sqrt(dh);
    double[] out = new double[B * n * S * d];
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < n; i++) {
        for (int h = 0; h < heads; h++) {
          double slope = Math.log1p(Math.exp(a[h]));
          double[][] scores = new double[S][S];
          boolean[][] allowed = new boolean[S][S];
          for (int l = 0; l < S; l++) {
            for (int m = 0; m < S; m++) {
              allowed[l][m] = Math.abs(l - m) <= window && (mask == null || mask[b * S + m] != 0);
              double dot = 0;
              for (int c = 0; c < dh; c++) {
                dot += q[at(b, i, l, h * dh + c, n, S, d)] * k[at(b, i, m, h * dh + c, n, S, d)];
              }
              scores[l][m] = dot * scale - slope * Math.abs(pos[b * S + l] - pos[b * S + m]);
            }
          }
          for (int l = 0; l < S; l++) {
            if (mask != null && mask[b * S + l] == 0) {
              continue;
            }
            double[] w = softmax(scores[l], allowed[l]);
            for (int c = 0; c < dh; c++) {
              double acc = 0;
              for (int m = 0; m < S; m++) {
                acc += w[m] * v[at(b, i, m, h * dh + c, n, S, d)];
              }
              out[at(b, i, l, h * dh + c, n, S, d)] = acc;
            }
          }
        }
      }
    }
    return out;
  }

  /** Softmax over the allowed entries; all zeros when none is allowed. */
  private static double[] softmax(double[] s, boolean[] allowed) {
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < s.length; j++) {
      if (allowed[j]) {
        max = Math.max(max, s[j]);
      }
    }
    double[] w = new double[s.length];
    if (max == Double.NEGATIVE_INFINITY) {
      return w;
    }
    double sum = 0;
    for (int j = 0; j < s.length; j++) {
      if (allowed[j]) {
        w[j] = Math.exp(s[j] - max);
        sum += w[j];
      }
    }
    for (int j = 0; j < s.length; j++) {
      w[j] /= sum;
    }
    return w;
  }

  static int at(int b, int i, int l, int c, int n, int S, int d) {
    return ((b * n + i) * S + l) * d + c;
  }
}
