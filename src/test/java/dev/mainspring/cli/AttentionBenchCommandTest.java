package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench attention} at a toy size: the records' shape, not the speed. */
class AttentionBenchCommandTest {
  @Test
  void printsOneRecordPerMeasurementWithTheBaseline() throws Exception {
    CliRun r = CliRun.run("bench", "attention", "--samples", "4", "--sites", "9", "--width", "8",
        "--heads", "2", "--window", "2", "--batch", "1,2", "--reps", "1", "--warmup", "0",
        "--baseline-reps", "1");
    assertEquals(0, r.code(), r.err());
    List<JsonNode> recs = new ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      recs.add(new ObjectMapper().readTree(line));
    }
    assertEquals(8, recs.size(), r.out()); // 2 ops × 2 batches × (fwd, fwd+bwd)
    for (JsonNode rec : recs) {
      assertEquals("attention", rec.get("bench").asText());
      assertEquals("ms", rec.get("unit").asText());
      assertEquals("naive-composed", rec.get("baseline").asText());
      assertTrue(rec.get("value").asDouble() >= 0, rec.toString());
      assertTrue(rec.get("baseline_value").isNumber(), rec.toString());
      assertEquals(4, rec.get("n").asInt());
      assertEquals(9, rec.get("S").asInt());
      assertEquals(8, rec.get("d").asInt());
      assertEquals(2, rec.get("heads").asInt());
    }
    assertEquals("band", recs.get(0).get("op").asText());
    assertEquals(2, recs.get(0).get("w").asInt());
    assertEquals("fwd", recs.get(0).get("pass").asText());
    assertEquals("fwd+bwd", recs.get(1).get("pass").asText());
    assertEquals(2, recs.get(3).get("batch").asInt());
    assertEquals("sample", recs.get(4).get("op").asText());
  }

  @Test
  void badShapesAreUserErrors() {
    CliRun r = CliRun.run("bench", "attention", "--width", "10", "--heads", "4");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("error: --width 10 is not divisible by --heads 4"), r.err());
    r = CliRun.run("bench", "attention", "--op", "band,conv");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown op 'conv'"), r.err());
  }
}
