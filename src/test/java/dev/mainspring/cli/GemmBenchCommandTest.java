package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.bindings.openblas.OpenBlas;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GemmBenchCommandTest {
  private static final String[] QUICK = {"bench", "gemm", "--sizes", "48,64", "--threads", "1,2",
    "--rounds", "1", "--round-seconds", "0.01", "--warmup-seconds", "0.01"};

  @Test
  void printsOneJsonObjectPerMeasurement() throws Exception {
    PrintStream stdout = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute(QUICK);
    } finally {
      System.setOut(stdout);
    }
    assertEquals(0, code);
    String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertEquals(4, lines.length, String.join("\n", lines));
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode row = json.readTree(line);
      assertEquals("gemm", row.get("bench").asText());
      assertEquals("GFLOP/s", row.get("unit").asText());
      assertTrue(row.get("value").asDouble() > 0, line);
      assertTrue(row.get("n").asInt() == 48 || row.get("n").asInt() == 64, line);
      assertEquals(OpenBlas.isAvailable(), row.has("baseline_value"), line);
    }
  }

  @Test
  void badPathIsAUserError() {
    assertNotEquals(0, Main.commandLine().execute("bench", "gemm", "--path", "gpu"));
  }

  /** `java -jar` without --add-modules must still run, on the scalar kernels, and say so. */
  @Test
  void runsOnTheScalarPathWithoutTheVectorModule() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp,
        "dev.mainspring.cli.Main"));
    cmd.addAll(List.of(QUICK).subList(0, 4));
    cmd.addAll(List.of("--threads", "1", "--rounds", "1", "--round-seconds", "0.01",
        "--warmup-seconds", "0.01", "--no-baseline"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertTrue(err.contains("absent: scalar CPU kernels run"), err);
    for (String line : out.strip().split("\n")) {
      assertTrue(line.contains("\"path\":\"scalar\""), line);
    }
  }
}
