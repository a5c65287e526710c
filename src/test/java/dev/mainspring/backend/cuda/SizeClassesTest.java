package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SizeClassesTest {
  @Test
  void knownSizesRoundToTheirClasses() {
    assertEquals(512, SizeClasses.roundUp(0));
    assertEquals(512, SizeClasses.roundUp(1));
    assertEquals(512, SizeClasses.roundUp(512));
    assertEquals(640, SizeClasses.roundUp(513));
    assertEquals(1024, SizeClasses.roundUp(1024));
    assertEquals(1280, SizeClasses.roundUp(1025));
    assertEquals(4_000_012L + 194_292L, SizeClasses.roundUp(4_000_012)); // 1_000_003 floats -> 4.25 MiB class
    assertEquals(1L << 30, SizeClasses.roundUp(1L << 30));
    assertEquals(5L << 28, SizeClasses.roundUp((1L << 30) + 1));
  }

  @Test
  void everyClassHoldsItsRequestKeepsAlignmentAndWastesUnderAQuarter() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long n = i < 5000 ? i : rng.nextLong(1, 1L << (10 + rng.nextInt(30)));
      long c = SizeClasses.roundUp(n);
      assertTrue(c >= n, n + " -> " + c);
      assertEquals(0, c % 128, n + " -> " + c);
      assertEquals(c, SizeClasses.roundUp(c), "a class is its own class: " + c);
      if (n > 512) {
        assertTrue(c - n < n / 4.0, n + " -> " + c + " wastes more than 25%");
      }
    }
  }

  @Test
  void classesAreMonotoneAndFourPerPowerOfTwo() {
    long previous = 0;
    TreeSet<Long> classes = new TreeSet<>();
    for (long n = (1 << 20) + 1; n <= 1 << 21; n += 97) {
      long c = SizeClasses.roundUp(n);
      assertTrue(c >= previous);
      previous = c;
      classes.add(c);
    }
    classes.add(SizeClasses.roundUp(1 << 21));
    assertEquals(4, classes.size(), classes.toString());
  }

  @Test
  void impossibleSizesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SizeClasses.roundUp(-1));
    assertThrows(IllegalArgumentException.class, () -> SizeClasses.roundUp(Long.MAX_VALUE));
  }
}
