package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepBudgetTest {
  @Test
  void stepsFillTheBudgetLeftAfterValidationsAndReserve() {
    // 600 s, 20 s gone, 9 validations of 5 s, 15 s reserve: 520 s at 0.65 s a step = 800 steps.
    assertEquals(800, StepBudget.steps(600, 20, 0.65, 5, 9));
    assertEquals(798, StepBudget.steps(600, 20, 0.651, 5, 9));
  }

  @Test
  void aBudgetTooSmallToTrainIsExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepBudget.steps(30, 10, 1.0, 5, 9));
    assertTrue(e.getMessage().contains("--time-limit"), e.getMessage());
  }
}
