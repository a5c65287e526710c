package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.backend.cuda.CudaBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code bench kernels --quick}: the records' shape (keys the PyTorch script joins on), not the speed. */
class KernelBenchCommandTest {
  private static String[] run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void printsOneRecordPerKernelAndPass() throws Exception {
    String[] r = run("bench", "kernels", "--quick", "--reps", "1", "--cpu-reps", "1", "--kernel",
        "sfs,scatter_add,band_attention");
    assertEquals("0", r[0], r[2]);
    List<JsonNode> recs = new ArrayList<>();
    for (String line : r[1].strip().split("\n")) {
      recs.add(new ObjectMapper().readTree(line));
    }
    assertEquals(4, recs.size(), r[1]); // band fwd, band fwd+bwd, scatter-add, sfs
    boolean gpu = CudaBackend.unavailableReason() == null;
    for (JsonNode rec : recs) {
      assertEquals("kernels", rec.get("bench").asText());
      assertEquals("ms", rec.get("unit").asText());
      assertEquals(gpu ? "cuda" : "cpu", rec.get("backend").asText());
      assertTrue(rec.get("value").asDouble() >= 0, rec.toString());
      assertTrue(rec.get("shape").asText().contains("="), rec.toString());
      assertEquals(gpu, rec.get("baseline_value").isNumber(), rec.toString());
    }
    assertEquals("band_attention", recs.get(0).get("kernel").asText());
    assertEquals("fwd", recs.get(0).get("pass").asText());
    assertEquals("fwd+bwd", recs.get(1).get("pass").asText());
    assertEquals("scatter_add", recs.get(2).get("kernel").asText());
    assertEquals("sfs", recs.get(3).get("kernel").asText());
  }

  @Test
  void anUnknownKernelIsAUserError() {
    String[] r = run("bench", "kernels", "--quick", "--kernel", "conv");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("unknown kernel 'conv'"), r[2]);
  }
}
