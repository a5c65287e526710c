package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoppingRulesTest {
  private static final double[] CALIBRATED = {0.88, 0.92, Double.NaN, 0.94};

  @Test
  void plateauNeedsAFullWindowWithoutImprovement() {
    StoppingRules r = new StoppingRules(2, 3, 0.05, 0.01);
    assertFalse(r.update(5.0, 1.0, CALIBRATED).get(StoppingRules.PLATEAU));
    assertFalse(r.update(4.0, 1.0, CALIBRATED).get(StoppingRules.PLATEAU), "improving");
    assertFalse(r.update(3.99, 1.0, CALIBRATED).get(StoppingRules.PLATEAU), "one flat validation of two");
    // 3.97 is below 4.0 by less than 1%: not an improvement; the window (3.99, 3.97) is flat.
    assertTrue(r.update(3.97, 1.0, CALIBRATED).get(StoppingRules.PLATEAU));
    assertFalse(r.update(3.0, 1.0, CALIBRATED).get(StoppingRules.PLATEAU), "a real improvement resets it");
  }

  @Test
  void neStallIsJudgedOnItsOwnWindow() {
    StoppingRules r = new StoppingRules(1, 2, 0.05, 0.0);
    r.update(1, 0.9, CALIBRATED);
    r.update(1, 0.95, CALIBRATED);
    Map<String, Boolean> m = r.update(1, 0.9, CALIBRATED);
    assertTrue(m.get(StoppingRules.NE_STALLED), "0.95 and 0.9 do not beat 0.9");
    assertTrue(StoppingRules.all(m));
    m = r.update(1, 0.89, CALIBRATED);
    assertFalse(m.get(StoppingRules.NE_STALLED));
    assertFalse(StoppingRules.all(m));
  }

  @Test
  void calibrationNeedsEveryBinWithDataWithinTolerance() {
    assertTrue(StoppingRules.calibrated(CALIBRATED, 0.05));
    assertFalse(StoppingRules.calibrated(new double[] {0.9, 0.67}, 0.05), "the issue's deep-time bin");
    assertFalse(StoppingRules.calibrated(new double[] {Double.NaN}, 0.05), "no data is not calibrated");
    assertFalse(StoppingRules.calibrated(new double[] {0.96}, 0.05));
    // 5% is read as 5 points (|c − 0.9| ≤ 0.05), not 5% of 0.9 (0.045): 0.853 and 0.947 pass.
    assertTrue(StoppingRules.calibrated(new double[] {0.853, 0.947}, 0.05));
    assertFalse(StoppingRules.calibrated(new double[] {0.849}, 0.05));
  }

  @Test
  void historyRestoresSoAResumedRunJudgesTheSameWindows() {
    StoppingRules a = new StoppingRules(2, 2, 0.05, 0.0);
    a.update(3, 1, CALIBRATED);
    a.update(2, 0.5, CALIBRATED);
    StoppingRules b = new StoppingRules(2, 2, 0.05, 0.0);
    b.restore(a.validationLossHistory(), a.neRmseHistory());
    assertEquals(a.update(2.5, 0.6, CALIBRATED), b.update(2.5, 0.6, CALIBRATED));
    assertEquals(a.update(2.5, 0.6, CALIBRATED), b.update(2.5, 0.6, CALIBRATED));
    assertEquals(List.of(3.0, 2.0, 2.5, 2.5), b.validationLossHistory());
  }
}
