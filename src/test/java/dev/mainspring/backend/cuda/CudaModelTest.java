package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.LossTerms;
import dev.mainspring.model.LossWeights;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.Prediction;
import dev.mainspring.nn.Parameter;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Scope;
import dev.mainspring.train.AdamW;
import dev.mainspring.train.TrainStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole model on the CUDA backend against the CPU backend: the smoke preset built twice from one
 * seed, fed one small simulated batch, compared term by term (losses, every parameter gradient, the
 * parameters after training steps with the CUDA AdamW and clipping, and predictions).
 */
class CudaModelTest {
  private static final ModelConfig CONFIG = ModelConfig.preset("smoke");
  private static final LossWeights WEIGHTS = new LossWeights(1.0, 1.0, 1.0);
  private static final double TAU = 1.0;
  private static final long NOISE = 17;

  /**
   * Gradient tolerance, relative to the tensor's scale: float32 sums in another order (cuBLAS, tree
   * reductions, atomics) differ by ~1e-7 of the scale per op, ~1e-6 after the forward and backward's
   * few dozen ops (the emulated run measures ≤ 5e-7); an indexing or stride bug is an O(1) error.
   */
  private static final double GRAD_TOL = 1e-3;

  private static String skip;
  private static List<TrainingExample> examples;
  private Backend before;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNot();
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config.prior(CONFIG.samples(),
        CONFIG.sequenceLength(), CONFIG.mu(), CONFIG.rho(), CurriculumPhase.PHASE1).withMaxSites(CONFIG.maxSites()));
    examples = new ArrayList<>();
    for (int k = 0; examples.size() < 2; k++) {
      TrainingExample e = sim.simulate(5, k);
      if (e.S >= 2) {
        examples.add(e);
      }
    }
  }

  @BeforeEach
  void requireGpu() {
    GpuCompare.skipUnless(skip);
    before = Backends.current();
  }

  @AfterEach
  void restore() {
    if (before != null) {
      Backends.setCurrent(before);
    }
  }

  /** The model built with {@code backend} current (parameters are created on the current backend). */
  private static MainspringModel model(Backend backend) {
    Backends.setCurrent(backend);
    return new MainspringModel(CONFIG, 3);
  }

  private static Batch batch() {
    return Batch.ofExamples(examples);
  }

  private static double[] terms(LossTerms t) {
    return new double[] {t.total().item(), t.topo().item(), t.time().item(), t.sfs().item(), t.demo().item(),
        t.entropy()};
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  @Test
  void lossesAndEveryParameterGradientMatchTheCpu() {
    MainspringModel cpu = model(Backends.cpu());
    MainspringModel gpu = model(GpuCompare.gpu());
    Map<String, Parameter> pc = cpu.namedParameters();
    Map<String, Parameter> pg = gpu.namedParameters();
    for (String name : pc.keySet()) {
      assertArrayEquals(pc.get(name).value().toFloatArray(), pg.get(name).value().toFloatArray(), name);
    }
    double[] lc;
    double[] lg;
    try (Scope s = Scope.open()) {
      Backends.setCurrent(Backends.cpu());
      LossTerms t = cpu.losses(batch(), WEIGHTS, TAU, NOISE);
      lc = terms(t);
      Autograd.backward(t.total());
    }
    try (Scope s = Scope.open()) {
      Backends.setCurrent(GpuCompare.gpu());
      LossTerms t = gpu.losses(batch(), WEIGHTS, TAU, NOISE);
      lg = terms(t);
      Autograd.backward(t.total());
    }
    String[] names = {"total", "topo", "time", "sfs", "demo", "entropy"};
    for (int i = 0; i < names.length; i++) {
      assertEquals(lc[i], lg[i], 1e-4 * Math.max(1, Math.abs(lc[i])), "loss term " + names[i]);
    }
    // Gradients of tensors whose every element is far below the model's largest are summation noise
    // (a key bias's gradient is exactly 0: softmax ignores a shift shared by all keys), so each tensor
    // is compared at the scale of max(its largest |g|, 1e-3 · the model's largest |g|).
    double global = 0;
    for (Parameter p : pc.values()) {
      global = Math.max(global, maxAbs(p.grad().toFloatArray()));
    }
    for (String name : pc.keySet()) {
      assertTrue(pg.get(name).grad() != null, name + " has no cuda gradient");
      float[] c = pc.get(name).grad().toFloatArray();
      float[] g = pg.get(name).grad().toFloatArray();
      double scale = Math.max(maxAbs(c), 1e-3 * global);
      for (int i = 0; i < c.length; i++) {
        double err = Math.abs(c[i] - g[i]);
        if (!(err <= GRAD_TOL * scale)) {
          throw new AssertionError("gradient of " + name + ": element " + i + " is " + g[i] + " on cuda, " + c[i]
              + " on cpu (error " + err + " > " + GRAD_TOL + " × " + scale + ")");
        }
      }
    }
  }

  /** Everything a training step reports, as numbers. */
  private static double[] values(TrainStep.Result r) {
    return new double[] {r.loss().total(), r.loss().topo(), r.loss().time(), r.loss().sfs(), r.loss().demo(),
        r.loss().entropy(), r.gradNorm(), r.applied() ? 1 : 0};
  }

  private static final int STEPS = 3;

  /** Names of the parameters whose whole gradient is below 1e-3 of the model's largest (CPU, first batch). */
  private static Set<String> noiseGradients(MainspringModel cpu) {
    Backends.setCurrent(Backends.cpu());
    Map<String, Double> scale = new HashMap<>();
    try (Scope s = Scope.open()) {
      Autograd.backward(cpu.losses(batch(), WEIGHTS, TAU, NOISE).total());
      cpu.namedParameters().forEach((name, p) -> scale.put(name, maxAbs(p.grad().toFloatArray())));
      cpu.zeroGrad();
    }
    double global = scale.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    Set<String> out = new HashSet<>();
    scale.forEach((name, v) -> {
      if (v > 0 && v < 1e-3 * global) {
        out.add(name);
      }
    });
    return out;
  }

  @Test
  void trainingStepsWithTheCudaOptimizerMatchTheCpu() {
    MainspringModel cpu = model(Backends.cpu());
    MainspringModel gpu = model(GpuCompare.gpu());
    AdamW.Builder settings = AdamW.builder().lr(1e-3).weightDecay(0.05).decayIf(AdamW.DECAY_MATRICES);
    // Clip 1.0 is below the smoke model's initial gradient norm, so the device clip scales.
    TrainStep cpuStep = new TrainStep(cpu, settings.build(cpu.namedParameters()), 1.0);
    TrainStep gpuStep = new TrainStep(gpu, settings.build(gpu.namedParameters()), 1.0);
    Set<String> noise = noiseGradients(cpu);
    String[] names = {"total", "topo", "time", "sfs", "demo", "entropy", "gradient norm", "applied"};
    for (int step = 0; step < STEPS; step++) {
      Backends.setCurrent(Backends.cpu());
      double[] c = values(cpuStep.run(batch(), WEIGHTS, TAU, 1e-3, NOISE + step));
      Backends.setCurrent(GpuCompare.gpu());
      long reads = ((CudaBackend) GpuCompare.gpu()).hostReads();
      double[] g = values(gpuStep.run(batch(), WEIGHTS, TAU, 1e-3, NOISE + step));
      reads = ((CudaBackend) GpuCompare.gpu()).hostReads() - reads;
      // A fixed handful (5 loss terms, the entropy, the clip's norm, ...; 8 measured), not one per
      // parameter or per example: each read waits for the GPU.
      assertTrue(reads <= 8, "host reads in step " + step + ": " + reads + " (the model has "
          + gpu.parameters().size() + " parameters)");
      for (int i = 0; i < names.length; i++) {
        assertEquals(c[i], g[i], 1e-4 * Math.max(1, Math.abs(c[i])), "step " + step + ": " + names[i]);
      }
      assertTrue(c[6] > 1.0, "the clip must act (gradient norm " + c[6] + ")");
    }
    Map<String, Parameter> pc = cpu.namedParameters();
    Map<String, Parameter> pg = gpu.namedParameters();
    for (String name : pc.keySet()) {
      // Adam moves every element by about lr per step whatever its gradient's size, so elements whose
      // gradient is summation noise (the key biases, 0 in exact arithmetic) may go either way: up to
      // 2·lr per step apart. Every other element must agree to float rounding of the update (1e-5,
      // against moves of ~lr = 1e-3 per step: a missing clip, decay or moment would show as ~1e-3).
      double tol = noise.contains(name) ? 2e-3 * STEPS : 1e-5;
      GpuCompare.assertClose("parameter " + name + " after " + STEPS + " steps", pc.get(name).value().toFloatArray(),
          pg.get(name).value().toFloatArray(), tol);
    }
  }

  @Test
  void predictionsMatchTheCpu() {
    MainspringModel cpu = model(Backends.cpu());
    MainspringModel gpu = model(GpuCompare.gpu());
    Batch observed = Batch.ofObservations(examples.stream().map(TrainingExample::observation).toList());
    Backends.setCurrent(Backends.cpu());
    List<Prediction> pc = cpu.predict(observed, 64, 9);
    Backends.setCurrent(GpuCompare.gpu());
    List<Prediction> pg = gpu.predict(observed, 64, 9);
    assertEquals(pc.size(), pg.size());
    for (int b = 0; b < pc.size(); b++) {
      Prediction c = pc.get(b);
      Prediction g = pg.get(b);
      assertArrayEquals(c.target(), g.target(), "predicted parents of dataset " + b);
      GpuCompare.assertClose("join times " + b, c.joinTime(), g.joinTime(), 1e-4);
      GpuCompare.assertClose("gamma shapes " + b, c.gammaShape(), g.gammaShape(), 1e-4);
      GpuCompare.assertClose("gamma rates " + b, c.gammaRate(), g.gammaRate(), 1e-4);
      GpuCompare.assertClose("breakpoint probabilities " + b, c.breakpointProb(), g.breakpointProb(), 1e-4);
      assertArrayEquals(c.expectedSfs(), g.expectedSfs(), 1e-4 * maxAbs(c.expectedSfs()), "expected SFS " + b);
      assertArrayEquals(c.log10NeMedian(), g.log10NeMedian(), 1e-4, "N_e median " + b);
      assertArrayEquals(c.log10NeLo(), g.log10NeLo(), 1e-4, "N_e 5% quantile " + b);
      assertArrayEquals(c.log10NeHi(), g.log10NeHi(), 1e-4, "N_e 95% quantile " + b);
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  @Test
  void aModelRunsOnItsOwnBackendWhicheverIsCurrent() {
    MainspringModel gpu = model(GpuCompare.gpu());
    double[] expected;
    try (Scope s = Scope.open()) {
      expected = terms(gpu.losses(batch(), WEIGHTS, TAU, NOISE));
    }
    // The batch must follow the model's parameters, not the process-wide current backend.
    Backends.setCurrent(Backends.cpu());
    try (Scope s = Scope.open()) {
      assertArrayEquals(expected, terms(gpu.losses(batch(), WEIGHTS, TAU, NOISE)), 0.0);
    }
    Batch observed = Batch.ofObservations(examples.stream().map(TrainingExample::observation).toList());
    assertEquals(2, gpu.predict(observed, 16, 1).size());
  }
}
