package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.backend.cuda.CudaBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench kernels --quick}: the records' shape (keys the PyTorch script joins on), not the speed. */
class KernelBenchCommandTest {
  @Test
  void printsOneRecordPerKernelAndPass() throws Exception {
    CliRun r = CliRun.run("bench", "kernels", "--quick", "--reps", "1", "--cpu-reps", "1", "--kernel",
        "sfs,scatter_add,band_attention");
    assertEquals(0, r.code(), r.err());
    List<JsonNode> recs = new ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      recs.add(new ObjectMapper().readTree(line));
    }
    assertEquals(4, recs.size(), r.out()); // band fwd, band fwd+bwd, scatter-add, sfs
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
    CliRun r = CliRun.run("bench", "kernels", "--quick", "--kernel", "conv");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown kernel 'conv'"), r.err());
  }
}
