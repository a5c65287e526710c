package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.PredictedArg;
import dev.mainspring.model.Prediction;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Threading a batch's windows in parallel gives each window the tree sequence it gets alone. */
class ArgThreadingTest {
  @Test
  void aBatchThreadedInParallelMatchesEachWindowThreadedAlone() {
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config.fixed(8, 3e4, 1.25e-8, 1e-8,
        Demography.constant(1e4)).withMaxSites(40));
    List<Observation> obs = new ArrayList<>();
    for (int i = 0; obs.size() < 12; i++) {
      TrainingExample ex = sim.simulate(9, i);
      if (ex.S > 0) {
        obs.add(ex.observation());
      }
    }
    List<Prediction> preds = InferenceTest.standIn(Batch.ofObservations(obs), new ArrayList<>());
    List<TreeSequence> all = ArgThreading.threadAll(obs, preds);
    assertEquals(obs.size(), all.size());
    for (int k = 0; k < obs.size(); k++) {
      TreeSequence alone = PredictedArg.build(preds.get(k), obs.get(k));
      TreeSequence batched = all.get(k);
      assertEquals(List.of(), TreeSequenceValidator.check(batched));
      assertArrayEquals(alone.nodeTime, batched.nodeTime, "window " + k);
      assertArrayEquals(alone.edgeLeft, batched.edgeLeft);
      assertArrayEquals(alone.edgeRight, batched.edgeRight);
      assertArrayEquals(alone.edgeParent, batched.edgeParent);
      assertArrayEquals(alone.edgeChild, batched.edgeChild);
      assertArrayEquals(obs.get(k).positions(), batched.sitePosition);
      assertArrayEquals(alone.mutationNode, batched.mutationNode);
    }
  }

  @Test
  void mismatchedListsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArgThreading.threadAll(List.of(), java.util.Collections.singletonList((Prediction) null)));
    assertEquals("0 observations but 1 predictions", e.getMessage());
  }
}
