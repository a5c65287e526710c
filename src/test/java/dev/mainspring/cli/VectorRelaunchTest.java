package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Help and version run in the first JVM: no relaunch, so no incubator-module warning above them. */
class VectorRelaunchTest {
  @Test
  void helpAndVersionAreNotRelaunched() {
    assertTrue(VectorRelaunch.asksForHelp(new String[] {"train", "--help"}));
    assertTrue(VectorRelaunch.asksForHelp(new String[] {"bench", "infer", "-h"}));
    assertTrue(VectorRelaunch.asksForHelp(new String[] {"infer", "-V"}));
    assertFalse(VectorRelaunch.asksForHelp(new String[] {"train", "--out", "help", "--steps", "3"}));
  }
}
