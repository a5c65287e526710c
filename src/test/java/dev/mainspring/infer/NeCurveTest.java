package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.model.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeCurveTest {
  static Prediction ne(double med, double lo, double hi) {
    return new Prediction(2, 0, new int[0], new float[0], new float[0], 1, new float[0], new float[0], new double[1],
        new double[] {10, 100}, new double[] {med, med + 1}, new double[] {lo, lo + 1}, new double[] {hi, hi + 1});
  }

  @Test
  void lengthWeightedMeanOfLog10Quantiles() {
    // Weights 1 and 3: (1·4 + 3·2) / 4 = 2.5 etc.
    NeCurve c = NeCurve.combine(List.of(ne(4, 3, 5), ne(2, 1, 4)), new double[] {1, 3});
    assertArrayEquals(new double[] {10, 100}, c.gridTimes());
    assertArrayEquals(new double[] {2.5, 3.5}, c.log10Median(), 1e-12);
    assertArrayEquals(new double[] {1.5, 2.5}, c.log10Lo(), 1e-12);
    assertArrayEquals(new double[] {4.25, 5.25}, c.log10Hi(), 1e-12);
    String[] lines = c.csv().split("\n");
    assertEquals("time_generations,ne_median,ne_q05,ne_q95", lines[0]);
    assertEquals("10.0000,316.228,31.6228,17782.8", lines[1]);
  }

  @Test
  void rejectsBadWeights() {
    assertThrows(IllegalArgumentException.class, () -> NeCurve.combine(List.of(ne(1, 0, 2)), new double[] {0}));
    assertThrows(IllegalArgumentException.class, () -> NeCurve.combine(List.of(), new double[0]));
  }
}
