package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Scope;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainspringModelTest {
  private static final LossWeights WEIGHTS = new LossWeights(1.0, 0.1, 0.0);

  @Test
  void smokeLossesAndPredictionsRun() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 7);
    List<TrainingExample> ex = SmokeExamples.of(c, 3, 11);
    try (Scope s = Scope.open()) {
      LossTerms t = model.losses(Batch.ofExamples(ex), WEIGHTS, 1.0, 5);
      System.out.printf("total %f topo %f time %f sfs %f entropy %f%n", t.total().item(), t.topo().item(),
          t.time().item(), t.sfs().item(), t.entropy());
      assertTrue(Double.isFinite(t.total().item()));
      Autograd.backward(t.total());
    }
    List<Prediction> p = model.predict(Batch.ofObservations(ex.stream().map(TrainingExample::observation).toList()),
        100, 3);
    assertEquals(3, p.size());
    for (int b = 0; b < 3; b++) {
      assertEquals(ex.get(b).S, p.get(b).S());
    }
  }
}
