package dev.mainspring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.nn.Parameter;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.train.AdamW;
import dev.mainspring.train.GradClip;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MainspringModelTest {
  private static final LossWeights ALL = new LossWeights(1.0, 1.0, 1.0);

  @Test
  void predictionsAreWellFormedPerDataset() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 7);
    List<TrainingExample> ex = SmokeExamples.of(c, 3, 11);
    List<Observation> obs = ex.stream().map(TrainingExample::observation).toList();
    List<Prediction> p = model.predict(Batch.ofObservations(obs), 200, 3);
    assertEquals(3, p.size());
    for (int b = 0; b < 3; b++) {
      Prediction q = p.get(b);
      int s = ex.get(b).S;
      assertEquals(s, q.S());
      assertEquals(c.samples() * s, q.target().length);
      for (int i = 1; i < q.n(); i++) {
        for (int l = 0; l < s; l++) {
          int at = i * s + l;
          assertTrue(q.target()[at] >= 0 && q.target()[at] < i, "target of " + i + " at " + l);
          assertTrue(q.gammaShape()[at] > 0 && q.gammaRate()[at] > 0);
          assertEquals(q.timeScale() * q.gammaShape()[at] / q.gammaRate()[at], q.joinTime()[at],
              1e-4 * q.joinTime()[at]);
          assertTrue(q.breakpointProb()[at] >= 0 && q.breakpointProb()[at] <= 1);
        }
      }
      assertEquals(0, q.breakpointProb()[s], "site 0 has no breakpoint");
      assertEquals(c.samples() - 1, q.expectedSfs().length);
      assertEquals(32, q.gridTimes().length);
      for (int k = 0; k < 32; k++) {
        assertTrue(q.log10NeLo()[k] <= q.log10NeMedian()[k] && q.log10NeMedian()[k] <= q.log10NeHi()[k]);
      }
      // The ARG the prediction describes is a valid tree sequence reproducing the genotypes.
      Observation o = obs.get(b);
      TreeSequence ts = PredictedArg.build(q, o);
      TreeSequenceValidator.requireValid(ts);
    }
    // Each dataset's prediction does not depend on its batchmates or on padding.
    Prediction alone = model.predict(Batch.ofObservations(List.of(obs.get(1))), 200, 3).get(0);
    assertEquals(java.util.Arrays.toString(p.get(1).target()), java.util.Arrays.toString(alone.target()));
    for (int at = 0; at < alone.joinTime().length; at++) {
      assertEquals(p.get(1).joinTime()[at], alone.joinTime()[at], 2e-3 * (1 + alone.joinTime()[at]));
    }
  }

  @Test
  void entropyOfNearlyUniformCopyingIsTheMeanLogOfTheCandidateCount() {
    // At a huge temperature the soft copying distribution of sample i is uniform over its i
    // candidates (j < i): entropy ln i, so the mean over i = 1..n−1 (every site) is ln((n−1)!)/(n−1).
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 5);
    List<TrainingExample> ex = SmokeExamples.of(c, 2, 31);
    double expected = 0;
    for (int i = 1; i < c.samples(); i++) {
      expected += Math.log(i);
    }
    expected /= c.samples() - 1;
    try (Scope s = Scope.open()) {
      assertEquals(expected, model.losses(Batch.ofExamples(ex), ALL, 1e7, 3).entropy(), 1e-4);
    }
  }

  @Test
  void paddedBatchLossIsTheMeanOfPerExampleLosses() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 3);
    List<TrainingExample> ex = SmokeExamples.of(c, 3, 21);
    assertNotEquals(ex.get(0).S, ex.get(1).S, "the test needs examples of different S");
    // Every term, the demographic one with its KL draws included, is per example: noise comes from
    // each example's own stream, so neither padding nor batchmates change it.
    LossWeights w = new LossWeights(1.0, 0.5, 0.3);
    try (Scope s = Scope.open()) {
      LossTerms batch = model.losses(Batch.ofExamples(ex), w, 0.7, 99);
      double[] sum = new double[5];
      for (TrainingExample e : ex) {
        LossTerms one = model.losses(Batch.ofExamples(List.of(e)), w, 0.7, 99);
        sum[0] += one.total().item() / ex.size();
        sum[1] += one.topo().item() / ex.size();
        sum[2] += one.time().item() / ex.size();
        sum[3] += one.sfs().item() / ex.size();
        sum[4] += one.demo().item() / ex.size();
      }
      assertEquals(sum[1], batch.topo().item(), 1e-4 * Math.abs(sum[1]));
      assertEquals(sum[2], batch.time().item(), 1e-4 * Math.abs(sum[2]) + 1e-5);
      assertEquals(sum[3], batch.sfs().item(), 1e-4 * Math.abs(sum[3]));
      assertEquals(sum[4], batch.demo().item(), 1e-4 * Math.abs(sum[4]));
      assertEquals(sum[0], batch.total().item(), 1e-4 * Math.abs(sum[0]));
    }
  }

  @Test
  void inferenceBatchesCannotComputeLosses() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 3);
    List<TrainingExample> ex = SmokeExamples.of(c, 1, 21);
    Batch b = Batch.ofObservations(List.of(ex.get(0).observation()));
    assertThrows(IllegalArgumentException.class, () -> model.losses(b, ALL, 1.0, 1));
  }

  @Test
  void overfitsOneFixedSmokeBatch() {
    ModelConfig c = ModelConfig.preset("smoke");
    MainspringModel model = new MainspringModel(c, 5);
    Batch batch = Batch.ofExamples(SmokeExamples.of(c, 1, 31));
    AdamW opt = AdamW.builder().lr(3e-3).weightDecay(0).build(model.namedParameters());
    double first = Double.NaN;
    double last = Double.NaN;
    int steps = 400;
    int step = 0;
    for (; step < steps && !(last <= 0.1 * first); step++) {
      try (Scope s = Scope.open()) {
        model.zeroGrad();
        LossTerms t = model.losses(batch, ALL, 0.5, step);
        Autograd.backward(t.total());
        GradClip.clipGlobalNorm(model.parameters(), 1.0);
        opt.step();
        double v = t.total().item();
        if (step == 0) {
          first = v;
        }
        last = v;
      }
    }
    System.out.printf("overfit: total %.4f -> %.4f after %d steps%n", first, last, step);
    assertTrue(first > 0, "initial loss " + first);
    assertTrue(last <= 0.1 * first, "loss fell only from " + first + " to " + last);
    opt.release();
  }

  @Test
  void tinyModelGradientsAreCompleteAndMatchFiniteDifferences() {
    ModelConfig c = new ModelConfig("custom", 5, 5e3, 1.25e-8, 1e-8, 8, 8, 2, 1, 3, 1, 2, 8, 8);
    MainspringModel model;
    try (Parameter.DTypeRegion r = Parameter.inDType(DType.F64)) {
      model = new MainspringModel(c, 13);
    }
    // Move off the initialisation: the flow's zero-initialised output layers would otherwise
    // block every gradient to the layers below them.
    SplittableRandom rnd = new SplittableRandom(17);
    for (Parameter p : model.parameters()) {
      double[] v = p.value().toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        v[i] += rnd.nextDouble(-0.05, 0.05);
      }
      p.value().backend().upload(MemorySegment.ofArray(v), p.value().storage(), p.value().offset(), v.length);
    }
    List<TrainingExample> ex = SmokeExamples.of(c, 2, 41);
    Batch batch = Batch.ofExamples(ex);
    try (Scope s = Scope.open()) {
      model.zeroGrad();
      Autograd.backward(model.losses(batch, ALL, 0.8, 5).total());
      for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
        double[] g = e.getValue().grad().toDoubleArray();
        double norm = 0;
        for (double x : g) {
          assertTrue(Double.isFinite(x), e.getKey() + " has a non-finite gradient");
          norm += x * x;
        }
        assertTrue(norm > 0, e.getKey() + " gets no gradient");
      }
    }
    model.zeroGrad();
    List<String> names = new ArrayList<>(model.namedParameters().keySet());
    List<Tensor> subset = new ArrayList<>();
    List<String> picked = new ArrayList<>();
    for (int k = 0; k < 14; k++) {
      String name = names.get(rnd.nextInt(names.size()));
      if (!picked.contains(name)) {
        picked.add(name);
        subset.add(model.namedParameters().get(name).value());
      }
    }
    System.out.println("gradient check inputs: " + picked);
    // Straight-through is a biased surrogate, not the derivative of the hard argmax (which finite
    // differences see as piecewise constant): compare against the exact gradient with it off.
    model.straightThrough(false);
    GradCheck.create().eps(1e-6).tolerance(1e-4, 1e-7).maxEntriesPerInput(2).seed(3)
        .run(in -> model.losses(batch, ALL, 0.8, 5).total(), subset.toArray(new Tensor[0])).assertOk();
  }
}
