package dev.mainspring.backend.cpu;

import java.util.Arrays;

/**
 * {@link AttentionRows} as plain loops. The key loops index every array with the same j, which
 * lets C2 vectorise them; reductions (max, sums, the dot products of {@link #mix}) stay scalar
 * because Java fixes the order of float additions, so they use several partial sums instead.
 */
final class AttentionRowsScalar implements AttentionRows {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void scores(float alpha, float[] x, int xo, int dh, float[][] kt, int ko, int j0, int j1,
      float[] s) {
    Arrays.fill(s, j0, j1, 0f);
    for (int c = 0; c < dh; c++) {
      float xc = alpha * x[xo + c];
      float[] row = kt[ko + c];
      for (int j = j0; j < j1; j++) {
        s[j] += xc * row[j];
      }
    }
  }

  @Override
  public float bias(float[] s, int j0, int j1, float slope, float p, float[] pos, float[] keyBias,
      float[] dist) {
    for (int j = j0; j < j1; j++) {
      float dj = Math.abs(p - pos[j]);
      dist[j] = dj;
      s[j] = s[j] - slope * dj + keyBias[j];
    }
    return max(s, j0, j1);
  }

  @Override
  public float max(float[] s, int j0, int j1) {
    float m0 = Float.NEGATIVE_INFINITY;
    float m1 = Float.NEGATIVE_INFINITY;
    int j = j0;
    for (; j + 2 <= j1; j += 2) {
      m0 = s[j] > m0 ? s[j] : m0;
      m1 = s[j + 1] > m1 ? s[j + 1] : m1;
    }
    if (j < j1) {
      m0 = s[j] > m0 ? s[j] : m0;
    }
    return Math.max(m0, m1);
  }

  @Override
  public float expShift(float[] s, int j0, int j1, float shift) {
    float sum0 = 0f;
    float sum1 = 0f;
    int j = j0;
    for (; j + 2 <= j1; j += 2) {
      float e0 = (float) Math.exp(s[j] - shift);
      float e1 = (float) Math.exp(s[j + 1] - shift);
      s[j] = e0;
      s[j + 1] = e1;
      sum0 += e0;
      sum1 += e1;
    }
    if (j < j1) {
      float e = (float) Math.exp(s[j] - shift);
      s[j] = e;
      sum0 += e;
    }
    return sum0 + sum1;
  }

  @Override
  public void mix(float[] w, int j0, int j1, float[] v, int ld, float[][] vt, int vo, int dh,
      float[] y, int yo) {
    for (int c = 0; c < dh; c++) {
      float[] row = vt[vo + c];
      float a0 = 0f;
      float a1 = 0f;
      float a2 = 0f;
      float a3 = 0f;
      float a4 = 0f;
      float a5 = 0f;
      float a6 = 0f;
      float a7 = 0f;
      int j = j0;
      for (; j + 8 <= j1; j += 8) {
        a0 += w[j] * row[j];
        a1 += w[j + 1] * row[j + 1];
        a2 += w[j + 2] * row[j + 2];
        a3 += w[j + 3] * row[j + 3];
        a4 += w[j + 4] * row[j + 4];
        a5 += w[j + 5] * row[j + 5];
        a6 += w[j + 6] * row[j + 6];
        a7 += w[j + 7] * row[j + 7];
      }
      for (; j < j1; j++) {
        a0 += w[j] * row[j];
      }
      y[yo + c] += ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }
  }

  @Override
  public void rankUpdate(float[] x, int[] xo, int rows, int dh, float[][] w, int j0, int j1,
      float[][] mt, int mo) {
    if (rows == 4) {
      float[] w0 = w[0];
      float[] w1 = w[1];
      float[] w2 = w[2];
      float[] w3 = w[3];
      for (int c = 0; c < dh; c++) {
        float x0 = x[xo[0] + c];
        float x1 = x[xo[1] + c];
        float x2 = x[xo[2] + c];
        float x3 = x[xo[3] + c];
        float[] row = mt[mo + c];
        for (int j = j0; j < j1; j++) {
          row[j] += x0 * w0[j] + x1 * w1[j] + x2 * w2[j] + x3 * w3[j];
        }
      }
      return;
    }
    for (int r = 0; r < rows; r++) {
      float[] wr = w[r];
      for (int c = 0; c < dh; c++) {
        float xc = x[xo[r] + c];
        float[] row = mt[mo + c];
        for (int j = j0; j < j1; j++) {
          row[j] += xc * wr[j];
        }
      }
    }
  }

  @Override
  public float dot(float[] x, int xo, float[] y, int yo, int len) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int c = 0;
    for (; c + 4 <= len; c += 4) {
      s0 += x[xo + c] * y[yo + c];
      s1 += x[xo + c + 1] * y[yo + c + 1];
      s2 += x[xo + c + 2] * y[yo + c + 2];
      s3 += x[xo + c + 3] * y[yo + c + 3];
    }
    for (; c < len; c++) {
      s0 += x[xo + c] * y[yo + c];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public float softmaxGrad(float[] p, float[] dp, int j0, int j1, float rowDot, float scale,
      float[] dist) {
    float acc = 0f;
    if (dist != null) {
      for (int j = j0; j < j1; j++) {
        acc += p[j] * (dp[j] - rowDot) * dist[j];
      }
    }
    for (int j = j0; j < j1; j++) {
      dp[j] = p[j] * (dp[j] - rowDot) * scale;
    }
    return acc;
  }
}
