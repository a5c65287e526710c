package dev.mainspring.backend.cpu;

/**
 * The inner loops of the fused F32 attention kernels, on heap tiles. Loops over keys use absolute
 * key indices j in [j0, j1) on every array they touch — scores, weights, positions and the
 * transposed keys and values, stored one feature per row ({@code kt[feature][key]}) — because C2
 * only auto-vectorises a loop when it can see that its arrays do not overlap at different offsets,
 * which identical index expressions prove. Two implementations: {@link AttentionRowsScalar} (plain
 * loops the JIT vectorises) and {@link AttentionRowsVector} (the Vector API; only loaded when the
 * module is present).
 */
interface AttentionRows {
  /** The Vector API version when it can run here, else the plain-loop version. */
  static AttentionRows best() {
    return VectorSupport.available() ? AttentionRowsVector.create() : new AttentionRowsScalar();
  }

  /** "vector" or "scalar", for logs and benchmark records. */
  String name();

  /** s[j] = alpha · Σ_{c<dh} x[xo+c] · kt[ko+c][j] for j in [j0, j1). */
  void scores(float alpha, float[] x, int xo, int dh, float[][] kt, int ko, int j0, int j1,
      float[] s);

  /**
   * Adds the distance bias and key mask, s[j] += keyBias[j] − slope·dist[j] with
   * dist[j] = |p − pos[j]| (written out for the backward), and returns max s[j], for j in [j0, j1).
   */
  float bias(float[] s, int j0, int j1, float slope, float p, float[] pos, float[] keyBias,
      float[] dist);

  /** max s[j] over [j0, j1). */
  float max(float[] s, int j0, int j1);

  /** s[j] = exp(s[j] − shift) over [j0, j1) (−∞ gives 0); returns the sum. */
  float expShift(float[] s, int j0, int j1, float shift);

  /**
   * y[yo+c] += Σ_{j in [j0,j1)} w[j] · v[j·ld + vo + c] for c &lt; dh. The same matrix is given
   * row-major ({@code v}, row stride ld) and transposed ({@code vt[vo+c][j]}); each implementation
   * reads the layout its loops vectorise on.
   */
  void mix(float[] w, int j0, int j1, float[] v, int ld, float[][] vt, int vo, int dh, float[] y,
      int yo);

  /** Query rows a backward pass handles together in {@link #rankUpdate}. */
  int BLOCK = 4;

  /**
   * mt[mo+c][j] += Σ_{r<rows} x[xo[r]+c] · w[r][j] for c &lt; dh, j in [j0, j1): the transposed
   * key-side gradient update of a block of up to {@link #BLOCK} query rows at once, so each element
   * of mt is loaded and stored once per block rather than once per row.
   */
  void rankUpdate(float[] x, int[] xo, int rows, int dh, float[][] w, int j0, int j1,
      float[][] mt, int mo);

  /** Σ_{c<len} x[xo+c] · y[yo+c]. */
  float dot(float[] x, int xo, float[] y, int yo, int len);

  /**
   * The softmax backward of one row: with weights p and dp[j] = dO·v_j on entry, computes
   * ds[j] = p[j]·(dp[j] − rowDot), stores ds[j]·scale over dp[j], and returns Σ ds[j]·dist[j]
   * ({@code dist} may be null: returns 0).
   */
  float softmaxGrad(float[] p, float[] dp, int j0, int j1, float rowDot, float scale,
      float[] dist);
}
