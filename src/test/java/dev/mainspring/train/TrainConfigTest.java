package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Presets, JSON round trips and overrides, and the errors bad settings get. */
class TrainConfigTest {
  @Test
  void presetsCarryTheSeedsOptimiserAndTheIssuesBatchSizes() {
    for (String p : new String[] {"smoke", "small", "base"}) {
      TrainConfig c = TrainConfig.preset(p).validate();
      // The seed's rate, except the 10-minute CPU preset (a few hundred steps, not 1M).
      assertEquals(p.equals("small") ? 1e-3 : 3e-4, c.lr());
      assertEquals(1e-2, c.weightDecay());
      assertEquals(1.0, c.clip());
      assertEquals(5.0, c.tauMax());
      assertEquals(0.05, c.tauMin());
      assertEquals(List.of(0.1, 0.3, 0.8), c.phaseBoundaries());
      assertEquals(p, c.model().preset());
    }
    assertEquals(2, TrainConfig.preset("smoke").batchSize());
    assertEquals(4, TrainConfig.preset("small").batchSize());
    assertEquals(16, TrainConfig.preset("base").batchSize());
    assertEquals(1_000_000, TrainConfig.preset("base").steps());
    assertEquals(1000, TrainConfig.preset("base").validationSize());
    assertTrue(TrainConfig.preset("small").validationSize() < 1000);
    assertEquals(10.0, TrainConfig.preset("small").timeLimitMinutes(), "small runs on a 10-minute budget");
    assertEquals(0, TrainConfig.preset("small").steps(), "small's T comes from the budget");
    assertTrue(TrainConfig.preset("base").stopOnRules(), "base stops when the seed's three rules hold");
    assertFalse(TrainConfig.preset("small").stopOnRules(), "the budget ends a small run first");
    assertFalse(TrainConfig.preset("smoke").stopOnRules());
  }

  @Test
  void warmupIsOnePercentCapped() {
    assertEquals(7, TrainConfig.preset("small").withSteps(651).warmupSteps());
    assertEquals(2000, TrainConfig.preset("base").warmupSteps());
    TrainConfig r = TrainConfig.preset("small").withSteps(800);
    assertEquals(200, r.validateEvery());
    assertEquals(200, r.checkpointEvery());
    assertTrue(r.resolved());
  }

  @Test
  void stoppingWindowsAreStepsConvertedToValidations() {
    TrainConfig base = TrainConfig.preset("base");
    assertEquals(50_000, base.plateauSteps(), "the seed's 'plateaus for 50k steps'");
    assertEquals(50_000, base.stallSteps());
    assertEquals(10, StoppingRules.of(base).plateauWindow(), "50k steps at a validation every 5000");
    // Rounded up, so a window never spans fewer steps than it names; at least one validation.
    TrainConfig c = TrainConfigJson.override(TrainConfig.preset("smoke"),
        "{\"validateEvery\": 7, \"plateauSteps\": 60, \"stallSteps\": 5}");
    assertEquals(9, StoppingRules.of(c).plateauWindow());
    assertEquals(1, StoppingRules.of(c).stallWindow());
    // The same 50k steps with a validation every 1000 steps: 50 validations, not 10.
    TrainConfig dense = TrainConfigJson.override(base, "{\"validateEvery\": 1000}");
    assertEquals(50, StoppingRules.of(dense).plateauWindow());
  }

  @Test
  void oldWindowFieldsInValidationsAreReadAsTheSameSteps() {
    TrainConfig base = TrainConfig.preset("base");
    // A config.json or checkpoint written before the windows were in steps.
    String old = TrainConfigJson.write(base).replace("\"plateauSteps\" : 50000", "\"plateauWindow\" : 10")
        .replace("\"stallSteps\" : 50000", "\"stallWindow\" : 3");
    assertTrue(old.contains("plateauWindow") && old.contains("stallWindow"), old);
    TrainConfig read = TrainConfigJson.read(old);
    assertEquals(50_000, read.plateauSteps());
    assertEquals(15_000, read.stallSteps());
    assertEquals(10, StoppingRules.of(read).plateauWindow());
    assertEquals(3, StoppingRules.of(read).stallWindow());
    // As a --config patch: converted with the validateEvery in force (smoke: 20).
    assertEquals(40, TrainConfigJson.override(TrainConfig.preset("smoke"), "{\"plateauWindow\": 2}").plateauSteps());
    // small validates every T/4, unknown before T: no exact conversion, so a clear error.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfigJson.override(TrainConfig.preset("small"), "{\"plateauWindow\": 2}"));
    assertTrue(e.getMessage().contains("'plateauSteps'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfigJson.override(TrainConfig.preset("smoke"),
        "{\"stallWindow\": 2, \"stallSteps\": 40}"));
    assertTrue(e.getMessage().contains("both"), e.getMessage());
  }

  @Test
  void jsonRoundTripsExactly() {
    TrainConfig c = TrainConfig.preset("base");
    assertEquals(c, TrainConfigJson.read(TrainConfigJson.write(c)));
  }

  @Test
  void overridesReplaceOnlyTheNamedFieldsAndMergeTheModel() {
    TrainConfig base = TrainConfig.preset("small");
    TrainConfig c = TrainConfigJson.override(base, "{\"steps\": 123, \"lr\": 1e-3, \"model\": {\"width\": 48}}");
    assertEquals(123, c.steps());
    assertEquals(1e-3, c.lr());
    assertEquals(48, c.model().width());
    assertEquals(base.model().samples(), c.model().samples());
    assertEquals(base.batchSize(), c.batchSize());
  }

  @Test
  void badJsonGetsErrorsThatNameTheField() {
    TrainConfig base = TrainConfig.preset("small");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfigJson.override(base, "{\"stepz\": 5}"));
    assertTrue(e.getMessage().contains("unknown config field 'stepz'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TrainConfigJson.override(base, "{\"model\": {\"depth\": 5}}"));
    assertTrue(e.getMessage().contains("'model.depth'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfigJson.override(base, "{\"steps\": \"many\"}"));
    assertTrue(e.getMessage().contains("steps"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfigJson.override(base, "{\"steps\": 5"));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TrainConfigJson.override(base, "[1]"));
    assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
  }

  @Test
  void badValuesAreRefusedByName() {
    String[][] cases = {
        {"{\"batchSize\": 0}", "batchSize"},
        {"{\"lr\": -1}", "lr"},
        {"{\"tauMin\": 10}", "tauMin/tauMax"},
        {"{\"phaseBoundaries\": [0.3, 0.1, 0.8]}", "phaseBoundaries"},
        {"{\"phaseBoundaries\": [0.1, 0.3]}", "phaseBoundaries"},
        {"{\"device\": \"tpu\"}", "device"},
        {"{\"keep\": 0}", "keep"},
        {"{\"steps\": 0, \"timeLimitMinutes\": 0}", "steps"},
        {"{\"calibrationTolerance\": 2}", "calibrationTolerance"}};
    for (String[] c : cases) {
      TrainConfig t = TrainConfigJson.override(TrainConfig.preset("small"), c[0]);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::validate, c[0]);
      assertTrue(e.getMessage().contains("'" + c[1] + "'"), c[0] + " → " + e.getMessage());
    }
  }

  @Test
  void unknownPresetIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.preset("huge"));
    assertTrue(e.getMessage().contains("huge"));
  }
}
