package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The training data stream: step t's batch is examples t·B..t·B+B-1 of the run, simulated under
 * step t's phase, whatever the thread count, and a stream started at a resume step continues it.
 */
class BatchStreamTest {
  private static final ModelConfig SMOKE = ModelConfig.preset("smoke");
  private static final int B = 2;
  private static final long SEED = 17;
  // 20 steps: phase 2 from step 2, phase 3 from 6, phase 4 from 16.
  private static final Curriculum CURRICULUM = new Curriculum(20, TrainConfig.SEED_BOUNDARIES);

  private static List<BatchStream.StepBatch> take(long from, long to, int threads) throws InterruptedException {
    List<BatchStream.StepBatch> out = new ArrayList<>();
    try (BatchStream s = new BatchStream(SMOKE, CURRICULUM, B, SEED, from, 20, threads, 2)) {
      for (long t = from; t < to; t++) {
        out.add(s.take());
      }
    }
    return out;
  }

  private static void assertSame(TrainingExample a, TrainingExample b, String what) {
    assertEquals(a.seed, b.seed, what);
    assertEquals(a.S, b.S, what);
    assertArrayEquals(a.genotypes, b.genotypes, what);
    assertArrayEquals(a.positions, b.positions, what);
    assertArrayEquals(a.logNeGrid, b.logNeGrid, what);
  }

  @Test
  void batchesAreTheRunsExamplesUnderEachStepsPhase() throws InterruptedException {
    List<BatchStream.StepBatch> batches = take(0, 18, 2);
    for (BatchStream.StepBatch b : batches) {
      Curriculum.Phase phase = CURRICULUM.at(b.step());
      assertEquals(phase, b.phase());
      ExampleSimulator sim = new ExampleSimulator(BatchStream.simulatorConfig(SMOKE, phase));
      assertEquals(B, b.batch().size());
      for (int slot = 0; slot < B; slot++) {
        long k = DataSeeds.exampleIndex(b.step(), B, slot);
        TrainingExample expected = UsableExamples.of(sim.simulate(DataSeeds.trainingData(SEED), k), sim,
            DataSeeds.trainingData(SEED), k);
        assertTrue(expected.S >= 1);
        assertSame(expected, b.examples().get(slot), "step " + b.step() + " slot " + slot);
      }
      if (phase.number() == 1) {
        assertEquals(1, b.examples().get(0).epochSize.length, "phase 1 has a constant size");
      }
    }
    assertEquals(4, batches.get(17).phase().number());
  }

  @Test
  void aStreamStartedAtAResumeStepContinuesTheSameData() throws InterruptedException {
    List<BatchStream.StepBatch> whole = take(0, 12, 1);
    List<BatchStream.StepBatch> resumed = take(5, 12, 3);
    for (int i = 0; i < resumed.size(); i++) {
      BatchStream.StepBatch a = whole.get(5 + i);
      BatchStream.StepBatch b = resumed.get(i);
      assertEquals(a.step(), b.step());
      for (int slot = 0; slot < B; slot++) {
        assertSame(a.examples().get(slot), b.examples().get(slot), "step " + a.step());
      }
    }
  }

  @Test
  void queueWaitIsTheTimeTakeBlocked() throws InterruptedException {
    try (BatchStream s = new BatchStream(SMOKE, CURRICULUM, B, SEED, 0, 20, 1, 2)) {
      long total = 0;
      long reported = 0;
      for (int t = 0; t < 6; t++) {
        long t0 = System.nanoTime();
        BatchStream.StepBatch b = s.take();
        long outer = System.nanoTime() - t0;
        assertTrue(b.waitNanos() >= 0 && b.waitNanos() <= outer, b.waitNanos() + " vs " + outer);
        total += outer;
        reported += b.waitNanos();
      }
      assertTrue(reported > 0, "the first batch has to be simulated while the consumer waits");
      assertTrue(reported <= total);
    }
  }
}
