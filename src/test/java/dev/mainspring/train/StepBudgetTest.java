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
  void validationsEveryNStepsShareTheBudget() {
    // 600 − 20 − 1 final validation of 5 s − 15 s reserve = 560 s; each step costs 0.65 s plus
    // a 5-s validation every 50 steps (0.1 s a step): 560 / 0.75 = 746.7 steps.
    assertEquals(746, StepBudget.steps(600, 20, 0.65, 5, 1, 50));
  }

  @Test
  void aBudgetTooSmallToTrainIsExplained() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StepBudget.steps(30, 10, 1.0, 5, 9));
    assertTrue(e.getMessage().contains("--time-limit"), e.getMessage());
  }
}
