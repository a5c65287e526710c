package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.model.MainspringModel;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The trainer's optimiser departs from the seed on purpose: decay reaches matrices only. */
class TrainStepTest {
  @Test
  void weightDecayReachesMatricesButNotGainsBiasesOrSoftplusScalars() {
    TrainConfig c = TrainConfigJson.override(TrainConfig.preset("smoke"), "{\"lr\": 0.1, \"weightDecay\": 0.5}");
    MainspringModel model = new MainspringModel(c.model(), 3);
    AdamW opt = TrainStep.optimizer(model, c);
    Map<String, float[]> before = new LinkedHashMap<>();
    model.namedParameters().forEach((n, p) -> before.put(n, p.value().toFloatArray()));
    try (Scope s = Scope.open()) {
      // A zero gradient everywhere: Adam's update is 0, so only the decoupled decay moves weights.
      Tensor zero = null;
      for (Parameter p : model.parameters()) {
        Tensor t = F.scale(F.sumAll(p.value()), 0.0);
        zero = zero == null ? t : F.add(zero, t);
      }
      Autograd.backward(zero);
      opt.setLr(c.lr());
      opt.step();
    }
    float shrink = (float) (1 - c.lr() * c.weightDecay());
    int matrices = 0;
    int scalarsSeen = 0;
    for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
      float[] was = before.get(e.getKey());
      float[] now = e.getValue().value().toFloatArray();
      if (e.getValue().shape().length >= 2) {
        matrices++;
        for (int i = 0; i < was.length; i++) {
          assertEquals(was[i] * shrink, now[i], 1e-6f * Math.max(1, Math.abs(was[i])), e.getKey());
        }
      } else {
        if (e.getKey().contains("mismatchWeight")) {
          scalarsSeen++;
        }
        assertArrayEquals(was, now, e.getKey() + " (rank ≤ 1) must not be decayed");
      }
    }
    assertTrue(matrices > 0);
    assertEquals(3, scalarsSeen, "the three softplus mismatch-penalty weights");
    opt.release();
    model.release();
  }
}
