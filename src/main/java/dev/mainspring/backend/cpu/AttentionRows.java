package dev.mainspring.backend.cpu;

/**
 * The inner loops of the fused F32 attention kernels, on heap arrays. Keys are kept transposed
 * ([feature][key], "kt"), so a query's scores over a run of keys are axpy loops along the keys —
 * long, unit-stride and vectorisable — rather than one short dot product per key. Two
 * implementations: {@link AttentionRowsScalar} (plain loops the JIT vectorises) and
 * {@link AttentionRowsVector} (the Vector API; only loaded when the module is present).
 */
interface AttentionRows {
  /** The Vector API version when it can run here, else the plain-loop version. */
  static AttentionRows best() {
    return VectorSupport.available() ? AttentionRowsVector.create() : new AttentionRowsScalar();
  }

  /** "vector" or "scalar", for logs and benchmark records. */
  String name();

  /** s[j] = alpha · Σ_{c<dh} x[xo+c] · mt[mo + c·ld + j] for j &lt; len. */
  void gemvT(float alpha, float[] x, int xo, int dh, float[] mt, int mo, int ld, int len, float[] s);

  /** y[yo+c] += Σ_{j<len} w[j] · m[mo + j·ld + c] for c &lt; dh. */
  void gemv(float[] w, int len, float[] m, int mo, int ld, int dh, float[] y, int yo);

  /** mt[mo + c·ld + j] += x[xo+c] · w[j] for c &lt; dh, j &lt; len (a rank-1 update, transposed). */
  void rank1(float[] x, int xo, int dh, float[] w, int len, float[] mt, int mo, int ld);

  /** Σ_{c<len} x[xo+c] · y[yo+c]. */
  float dot(float[] x, int xo, float[] y, int yo, int len);

  /** s[j] = exp(s[j] − shift) for j &lt; len (−∞ gives 0); returns the sum. */
  float expShift(float[] s, int len, float shift);
}
