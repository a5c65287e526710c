package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The masked row loops that {@link SoftmaxCpu} and {@link GumbelSoftmaxCpu} backward share, parallel
 * over rows of length len: a row whose row-wide mask flag is 0 gets a zero gradient, every other row
 * is handed to the op's own row rule. The rules differ (log-softmax, softmax, softmax over τ); the
 * masking, loading and storing around them do not.
 */
final class SoftmaxBackwardRows {
  private SoftmaxBackwardRows() {}

  /**
   * The F32 rule for one unmasked row: reads y and g (g as stored, padding included) and writes the
   * input gradient into g, 0 at masked entries. When {@code perEntry}, mrow holds the row's mask.
   */
  @FunctionalInterface
  interface F32Row {
    void apply(float[] y, float[] g, float[] mrow, boolean perEntry);
  }

  /** Σ-term of entry j of the double rule. */
  @FunctionalInterface
  interface Term {
    double of(double y, double g);
  }

  /** Gradient of unmasked entry j of the double rule, given the row's sum of terms. */
  @FunctionalInterface
  interface Value {
    double of(double y, double g, double sum);
  }

  /** F32 rows: y, mask (null: none) and g in, gx out, {@code rowsPerTask} rows per parallel task. */
  static void f32(MemorySegment y, MemorySegment mask, RowMask rm, MemorySegment g, MemorySegment gx, long rows,
      int len, long rowsPerTask, F32Row rule) {
    Parallel.range(rows, rowsPerTask, (r0, r1) -> {
      float[] yr = new float[len];
      float[] gr = new float[len];
      float[] mrow = new float[len];
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        boolean perEntry = RowMask.loadF32(mask, rm, r, len, mrow);
        if (RowMask.rowMasked(mask, perEntry, mrow)) {
          gx.asSlice(base * 4, len * 4L).fill((byte) 0);
          continue;
        }
        MemorySegment.copy(y, ValueLayout.JAVA_FLOAT, base * 4, yr, 0, len);
        MemorySegment.copy(g, ValueLayout.JAVA_FLOAT, base * 4, gr, 0, len);
        rule.apply(yr, gr, mrow, perEntry);
        MemorySegment.copy(gr, 0, gx, ValueLayout.JAVA_FLOAT, base * 4, len);
      }
    });
  }

  /**
   * Any-dtype rows in double: gx_j = value(y_j, g_j, Σ_k term(y_k, g_k)) with the sum and the
   * gradient over unmasked entries only, and gx_j = 0 at masked ones.
   */
  static void reference(CpuBuf y, CpuBuf mask, RowMask rm, CpuBuf g, CpuBuf gx, long rows, int len,
      long rowsPerTask, Term term, Value value) {
    Parallel.range(rows, rowsPerTask, (r0, r1) -> {
      for (long r = r0; r < r1; r++) {
        long base = r * len;
        long mbase = rm == null ? 0 : rm.base(r, len);
        double sum = 0;
        for (int j = 0; j < len; j++) {
          if (mask == null || mask.get(mbase + j * rm.step()) != 0) {
            sum += term.of(y.get(base + j), g.get(base + j));
          }
        }
        for (int j = 0; j < len; j++) {
          double v = 0.0;
          if (mask == null || mask.get(mbase + j * rm.step()) != 0) {
            v = value.of(y.get(base + j), g.get(base + j), sum);
          }
          gx.set(base + j, v);
        }
      }
    });
  }
}
