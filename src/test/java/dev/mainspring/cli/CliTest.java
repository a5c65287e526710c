package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

class CliTest {
  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"train", "simulate", "infer", "evaluate", "bench", "info"}) {
      CliRun r = CliRun.run(cmd, "--help");
      assertEquals(0, r.code(), cmd + " --help");
      assertTrue(r.out().contains("Usage: mainspring " + cmd), cmd + " help text: " + r.out());
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = CliRun.run("info", "--no-such-option");
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void missingSubcommandIsAnError() {
    assertNotEquals(0, CliRun.run().code());
    assertNotEquals(0, CliRun.run("bench").code());
  }

  @Test
  void infoSucceedsAndTellsTheTruthAboutCuda() {
    CliRun r = CliRun.run("info");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    String cuda = lines.stream().filter(l -> l.startsWith("cuda          ")).findFirst().orElseThrow();
    if (CudaDriver.LIBRARY.isLoaded()) {
      assertTrue(cuda.contains("driver supports CUDA") || cuda.contains("unavailable: cuInit failed")
          || cuda.contains("sees no CUDA device"), cuda);
    } else {
      assertEquals("cuda          unavailable: libcuda.so.1 not found on the loader path"
          + " (is an NVIDIA driver installed?)", cuda);
    }
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("cublas        ")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("cudnn         ")), r.out());
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("cuda kernels  ")), r.out());
  }
}
