package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorRelaunchTest {
  @Test
  void lightCommandsAndClassDirectoryRunsStayInProcess() {
    // info is light; and a run from target/classes (no jar to restart) must never fork.
    assertTrue(VectorRelaunch.runIfUseful(new String[] {"info"}).isEmpty());
    assertTrue(VectorRelaunch.runIfUseful(new String[] {"simulate", "--help"}).isEmpty());
    assertTrue(VectorRelaunch.runIfUseful(new String[] {"bench", "--help"}).isEmpty());
  }
}
