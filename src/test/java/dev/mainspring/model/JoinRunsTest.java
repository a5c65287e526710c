package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class JoinRunsTest {
  @Test
  void runsOfOneTargetWithoutBreakpointShareTheirMeanTime() {
    // n = 2 (row 1 only), S = 5. Targets 0 everywhere; b̂ ≥ 0.5 at site 3 starts a new run.
    int[] target = {-1, -1, -1, -1, -1, 0, 0, 0, 0, 0};
    float[] time = {0, 0, 0, 0, 0, 10, 20, 30, 100, 300};
    float[] b = {0, 0, 0, 0, 0, 0, 0.1f, 0.4f, 0.9f, 0.2f};
    JoinRuns.Smoothed s = JoinRuns.smooth(2, 5, target, time, b);
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 20, 20, 20, 200, 200}, s.joinTime());
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, s.switches());
  }

  @Test
  void aTargetChangeEndsARunEvenWithoutBreakpoint() {
    // n = 3: row 2 copies 0, 0, 1, 1; row 1 copies 0 throughout.
    int[] target = {-1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 1, 1};
    float[] time = {0, 0, 0, 0, 1, 2, 3, 4, 5, 7, 9, 11};
    float[] b = new float[12];
    JoinRuns.Smoothed s = JoinRuns.smooth(3, 4, target, time, b);
    assertArrayEquals(new float[] {0, 0, 0, 0, 2.5f, 2.5f, 2.5f, 2.5f, 6, 6, 10, 10}, s.joinTime());
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, s.switches());
  }
}
