package dev.mainspring.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RobinsonFouldsTest {
  // Four leaves 0..3, internal nodes 4..6, -1 marks the root.
  // ((0,1),(2,3)): clades {0,1} (node 4), {2,3} (node 6).
  static final int[] BALANCED = {4, 4, 6, 6, 5, -1, 5};
  // ((0,2),(1,3)): clades {0,2}, {1,3}.
  static final int[] OTHER_BALANCED = {4, 6, 4, 6, 5, -1, 5};
  // (((0,1),2),3): clades {0,1}, {0,1,2}.
  static final int[] CATERPILLAR = {4, 4, 5, 6, 5, 6, -1};

  @Test
  void sameTopologyIsZeroWhateverTheNodeNumbering() {
    // ((2,3),(0,1)) with the internal nodes numbered the other way round.
    int[] renumbered = {6, 6, 4, 4, 5, -1, 5};
    assertEquals(0.0, RobinsonFoulds.normalised(BALANCED, renumbered, 4));
  }

  @Test
  void knownFourLeafDistances() {
    // No shared clade: |A Δ B| = 4, normalised by 2(n-2) = 4.
    assertEquals(1.0, RobinsonFoulds.normalised(BALANCED, OTHER_BALANCED, 4), 1e-15);
    // {0,1} shared; {2,3} and {0,1,2} differ: 2 / 4.
    assertEquals(0.5, RobinsonFoulds.normalised(BALANCED, CATERPILLAR, 4), 1e-15);
    assertEquals(0.5, RobinsonFoulds.normalised(CATERPILLAR, BALANCED, 4), 1e-15);
  }

  @Test
  void twoLeavesHaveOneTopology() {
    assertEquals(0.0, RobinsonFoulds.normalised(new int[] {2, 2, -1}, new int[] {2, 2, -1}, 2));
  }

  @Test
  void rejectsWrongSizes() {
    assertThrows(IllegalArgumentException.class, () -> RobinsonFoulds.normalised(BALANCED, new int[5], 4));
  }
}
