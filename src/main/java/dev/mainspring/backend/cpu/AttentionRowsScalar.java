package dev.mainspring.backend.cpu;

import java.util.Arrays;

/** {@link AttentionRows} as plain loops: the key-length ones are what C2 auto-vectorises. */
final class AttentionRowsScalar implements AttentionRows {
  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void gemvT(float alpha, float[] x, int xo, int dh, float[] mt, int mo, int ld, int len,
      float[] s) {
    Arrays.fill(s, 0, len, 0f);
    for (int c = 0; c < dh; c++) {
      float xc = alpha * x[xo + c];
      int base = mo + c * ld;
      for (int j = 0; j < len; j++) {
        s[j] += xc * mt[base + j];
      }
    }
  }

  @Override
  public void gemv(float[] w, int len, float[] m, int mo, int ld, int dh, float[] y, int yo) {
    for (int j = 0; j < len; j++) {
      float wj = w[j];
      if (wj == 0f) {
        continue; // masked keys and underflowed weights: nothing to add
      }
      int base = mo + j * ld;
      for (int c = 0; c < dh; c++) {
        y[yo + c] += wj * m[base + c];
      }
    }
  }

  @Override
  public void rank1(float[] x, int xo, int dh, float[] w, int len, float[] mt, int mo, int ld) {
    for (int c = 0; c < dh; c++) {
      float xc = x[xo + c];
      int base = mo + c * ld;
      for (int j = 0; j < len; j++) {
        mt[base + j] += xc * w[j];
      }
    }
  }

  @Override
  public float dot(float[] x, int xo, float[] y, int yo, int len) {
    // Four partial sums break the add latency chain (C2 keeps float reductions in order).
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
  public float expShift(float[] s, int len, float shift) {
    float sum = 0f;
    for (int j = 0; j < len; j++) {
      float e = (float) Math.exp(s[j] - shift);
      s[j] = e;
      sum += e;
    }
    return sum;
  }
}
