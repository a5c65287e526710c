package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.model.LossWeights;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The curriculum and τ schedule against the seed's numbers. */
class CurriculumTest {
  private static final Curriculum SEED = new Curriculum(1_000_000, TrainConfig.SEED_BOUNDARIES);

  @Test
  void seedBoundariesAreItsPhaseBoundariesList() {
    // The seed: phase_boundaries = [100_000, 300_000, 800_000, 1_000_000]; phase = sum(step >= b).
    long[] seed = {100_000, 300_000, 800_000};
    for (long step : new long[] {0, 1, 99_999, 100_000, 100_001, 299_999, 300_000, 799_999, 800_000, 999_999}) {
      int expected = 1;
      for (long b : seed) {
        expected += step >= b ? 1 : 0;
      }
      assertEquals(expected, SEED.at(step).number(), "step " + step);
    }
    assertEquals(100_000, SEED.start(2));
    assertEquals(300_000, SEED.start(3));
    assertEquals(800_000, SEED.start(4));
  }

  @Test
  void weightsAreTheSeedsTable() {
    // lambda_configs of the seed's train_mainspring.
    double[][] table = {{1.0, 0.1, 0.0}, {1.0, 0.5, 0.1}, {1.0, 1.0, 1.0}, {1.0, 1.0, 1.0}};
    long[] inPhase = {50_000, 200_000, 500_000, 900_000};
    for (int k = 0; k < 4; k++) {
      LossWeights w = SEED.at(inPhase[k]).weights();
      assertEquals(table[k][0], w.time(), "phase " + (k + 1));
      assertEquals(table[k][1], w.sfs(), "phase " + (k + 1));
      assertEquals(table[k][2], w.demo(), "phase " + (k + 1));
    }
  }

  @Test
  void priorsFollowThePhasesAndPhaseFourUsesDepartures() {
    assertEquals(CurriculumPhase.PHASE1, SEED.at(0).prior());
    assertEquals(0, SEED.at(0).prior().maxChanges, "phase 1: constant N_e");
    assertEquals(2, SEED.at(100_000).prior().maxChanges, "phase 2: one or two changes");
    assertEquals(7, SEED.at(300_000).prior().maxChanges, "phase 3: full prior");
    assertTrue(SEED.at(800_000).prior().departures, "phase 4: departures");
    assertTrue(!SEED.at(799_999).prior().departures);
  }

  @Test
  void boundariesScaleWithTheStepCount() {
    // 651 steps (the calibration run): 65.1 → 65, 195.3 → 195, 520.8 → 521.
    Curriculum c = new Curriculum(651, TrainConfig.SEED_BOUNDARIES);
    assertEquals(1, c.at(64).number());
    assertEquals(2, c.at(65).number());
    assertEquals(2, c.at(194).number());
    assertEquals(3, c.at(195).number());
    assertEquals(3, c.at(520).number());
    assertEquals(4, c.at(521).number());
    assertEquals(4, c.at(650).number());
    assertEquals(65, c.at(100).firstStep());
  }

  @Test
  void badBoundariesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Curriculum(100, List.of(0.5, 0.3, 0.8)));
    assertThrows(IllegalArgumentException.class, () -> new Curriculum(100, List.of(0.1, 0.3)));
    assertThrows(IllegalArgumentException.class, () -> new Curriculum(0, TrainConfig.SEED_BOUNDARIES));
  }

  @Test
  void tauFollowsTheSeedsExponentialFormula() {
    TauSchedule tau = new TauSchedule(5.0, 0.05, 1_000_000);
    assertEquals(5.0, tau.tau(0), 1e-12);
    assertEquals(0.05, tau.tau(1_000_000), 1e-12);
    // Halfway the geometric mean of the ends: sqrt(5 * 0.05) = 0.5.
    assertEquals(0.5, tau.tau(500_000), 1e-12);
    // End of phase 1: 5 * 0.01^0.1 = 3.1548 (the seed's prose says 1; MODEL.md: follow the formula).
    assertEquals(3.1547867224009, tau.tau(100_000), 1e-9);
    // Each step multiplies τ by the same factor (exponential, not linear).
    double r1 = tau.tau(1) / tau.tau(0);
    double r2 = tau.tau(700_001) / tau.tau(700_000);
    assertEquals(r1, r2, 1e-12);
    assertEquals(Math.pow(0.01, 1e-6), r1, 1e-12);
  }
}
