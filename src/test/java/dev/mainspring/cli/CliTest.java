package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CliTest {
  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String cmd : new String[] {"train", "simulate", "infer", "evaluate", "bench", "info"}) {
      Result r = run(cmd, "--help");
      assertEquals(0, r.code(), cmd + " --help");
      assertTrue(r.out().contains("Usage: mainspring " + cmd), cmd + " help text: " + r.out());
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    Result r = run("info", "--no-such-option");
    assertNotEquals(0, r.code());
    assertTrue(r.err().contains("--no-such-option"), r.err());
  }

  @Test
  void missingSubcommandIsAnError() {
    assertNotEquals(0, run().code());
    assertNotEquals(0, run("bench").code());
  }

  @Test
  void infoSucceedsAndTellsTheTruthAboutCuda() {
    Result r = run("info");
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
