package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PinnedStagingGrowthTest {
  private static final long MIB = 1 << 20;

  @Test
  void theBufferStartsAtOneMebibyteAndDoublesUntilTheRequestFits() {
    assertEquals(MIB, PinnedStaging.grownCapacity(0, 10));
    assertEquals(MIB, PinnedStaging.grownCapacity(0, MIB));
    assertEquals(2 * MIB, PinnedStaging.grownCapacity(MIB, MIB + 1));
    assertEquals(8 * MIB, PinnedStaging.grownCapacity(MIB, 5 * MIB));
    assertEquals(16 * MIB, PinnedStaging.grownCapacity(8 * MIB, 4_000_012L * 3));
  }
}
