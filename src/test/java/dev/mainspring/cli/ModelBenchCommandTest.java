package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench model} on the smoke preset: the records' shape, not the speed. */
class ModelBenchCommandTest {
  @Test
  void printsForwardAndStepRecordsPerPreset() throws Exception {
    CliRun r = CliRun.run("bench", "model", "--presets", "smoke", "--batch", "2", "--repeats", "1", "--warmup", "0",
        "--window", "4");
    assertEquals(0, r.code(), r.err());
    List<JsonNode> recs = new ArrayList<>();
    for (String line : r.out().strip().split("\n")) {
      recs.add(new ObjectMapper().readTree(line));
    }
    assertEquals(2, recs.size(), r.out());
    assertEquals("forward", recs.get(0).get("part").asText());
    assertEquals("forward_backward", recs.get(1).get("part").asText());
    for (JsonNode rec : recs) {
      assertEquals("model", rec.get("bench").asText());
      assertEquals("smoke", rec.get("preset").asText());
      assertEquals(2, rec.get("batch").asInt());
      assertEquals(4, rec.get("window").asInt());
      assertEquals("ms/batch", rec.get("unit").asText());
      assertTrue(rec.get("value").asDouble() > 0, rec.toString());
    }
    assertEquals(recs.get(0).get("value").asDouble(), recs.get(1).get("baseline_value").asDouble());
  }

  @Test
  void unknownPresetIsAUserError() {
    CliRun r = CliRun.run("bench", "model", "--presets", "huge");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown preset"), r.err());
  }
}
