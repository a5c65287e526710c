package dev.mainspring.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.Observation;
import dev.mainspring.model.flow.ConditionalAffineFlow;
import dev.mainspring.model.flow.FlowJacobians;
import dev.mainspring.nn.Parameter;
import dev.mainspring.sim.Seeds;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Reduce;
import dev.mainspring.train.AdamW;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DemographicDecoderTest {
  private static final int GNN = 6;
  private static final int CTX = 5;
  private static final int K = DemographicDecoder.GRID;

  private static DemographicDecoder decoder(int layers, int hidden, long seed) {
    return new DemographicDecoder(GNN, CTX, layers, hidden, Seeds.rng(seed));
  }

  /** A random 0/1 genotype matrix with positions, as an Observation. */
  private static Observation observation(int n, int s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] g = new byte[n * s];
    for (int i = 0; i < g.length; i++) {
      g[i] = (byte) (r.nextDouble() < 0.3 ? 1 : 0);
    }
    double[] pos = new double[s];
    for (int l = 0; l < s; l++) {
      pos[l] = 10.0 * l + 1;
    }
    return new Observation(n, s, g, pos, 10.0 * s + 10, 1.25e-8, 1e-8);
  }

  /**
   * F64 copies of every parameter (wanting gradients), the coupling networks' zero last layers
   * replaced by small random values so the flow is not the identity. Keyed by identity.
   */
  private static Map<Parameter, Tensor> f64Parameters(DemographicDecoder d, double lastScale,
      long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Map<Parameter, Tensor> out = new IdentityHashMap<>();
    for (Map.Entry<String, Parameter> e : d.namedParameters().entrySet()) {
      Parameter p = e.getValue();
      double[] v = p.value().toDoubleArray();
      boolean zeroLast = e.getKey().startsWith("coupling") && allZero(v);
      if (zeroLast) {
        for (int i = 0; i < v.length; i++) {
          v[i] = lastScale * (2 * r.nextDouble() - 1);
        }
      }
      try (Scope s = Scope.detached()) {
        out.put(p, Tensor.of(Backends.cpu(), v, p.shape()).requiresGrad(true));
      }
    }
    return out;
  }

  private static boolean allZero(double[] v) {
    for (double x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static Tensor f64(double[] v, int... shape) {
    return Tensor.of(Backends.cpu(), v, shape).requiresGrad(true);
  }

  private static double[] normal(SplittableRandom r, int n, double scale) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = scale * Math.sqrt(-2 * Math.log(1 - r.nextDouble()))
          * Math.cos(2 * Math.PI * r.nextDouble());
    }
    return v;
  }

  @Test
  void gridMatchesTheSimulatorsTargets() {
    double[] t = DemographicDecoder.gridTimes();
    assertEquals(32, t.length);
    assertEquals(10, t[0], 1e-9);
    assertEquals(1e6, t[31], 1e-3);
    for (int k = 0; k < 32; k++) {
      assertEquals(Math.pow(10, 1 + 5.0 * k / 31), t[k], 1e-9 * t[k]);
    }
  }

  @Test
  void contextHasItsShapeAndIgnoresPaddedEntries() {
    DemographicDecoder d = decoder(2, 8, 1);
    int n = 4;
    int s = 5;
    int padded = 8;
    List<Observation> obs = List.of(observation(n, s, 1), observation(n, 3, 2));
    SplittableRandom r = new SplittableRandom(3);
    // Example 0 uses all 5 sites, example 1 only 3; row i = 0 is never valid.
    float[] times = new float[2 * n * s];
    float[] timesPadded = new float[2 * n * padded];
    float[] mask = new float[2 * n * s];
    float[] maskPadded = new float[2 * n * padded];
    for (int b = 0; b < 2; b++) {
      int sites = obs.get(b).S();
      for (int i = 0; i < n; i++) {
        for (int l = 0; l < padded; l++) {
          boolean valid = i >= 1 && l < sites;
          float t = (float) Math.pow(10, r.nextDouble(0.5, 5.5));
          if (l < s) {
            times[(b * n + i) * s + l] = valid ? t : (float) r.nextDouble(-5, 5);
            mask[(b * n + i) * s + l] = valid ? 1 : 0;
          }
          timesPadded[(b * n + i) * padded + l] = valid ? times[(b * n + i) * s + l]
              : (l % 2 == 0 ? Float.NaN : -1e30f);
          maskPadded[(b * n + i) * padded + l] = valid ? 1 : 0;
        }
      }
    }
    float[] pooled = new float[2 * GNN];
    for (int i = 0; i < pooled.length; i++) {
      pooled[i] = (float) r.nextDouble(-1, 1);
    }
    try (Scope sc = Scope.open()) {
      Tensor jt = Tensor.of(times, 2, n, s).requiresGrad(true);
      Tensor pool = Tensor.of(pooled, 2, GNN).requiresGrad(true);
      Tensor c = d.context(jt, Tensor.of(mask, 2, n, s), pool, obs);
      assertArrayEquals(new int[] {2, CTX}, c.shape());
      for (float v : c.toFloatArray()) {
        assertTrue(Float.isFinite(v));
      }
      Autograd.backward(Reduce.sumAll(c));
      float[] g = jt.grad().toFloatArray();
      boolean flows = false;
      for (int i = 0; i < g.length; i++) {
        if (mask[i] == 0) {
          assertEquals(0f, g[i], "padded entry " + i + " gets no gradient");
        } else {
          flows |= g[i] != 0;
        }
      }
      assertTrue(flows, "gradients reach the join times");
      assertTrue(allNonZero(pool.grad().toFloatArray()), "gradients reach the pooled states");
      Tensor jtp = Tensor.of(timesPadded, 2, n, padded).requiresGrad(true);
      Tensor cp = d.context(jtp, Tensor.of(maskPadded, 2, n, padded), Tensor.of(pooled, 2, GNN),
          obs);
      assertArrayEquals(c.toFloatArray(), cp.toFloatArray(), 1e-6f);
      // NaN and huge negative padding must not leak into gradients either.
      Autograd.backward(Reduce.sumAll(cp));
      float[] gp = jtp.grad().toFloatArray();
      for (int i = 0; i < gp.length; i++) {
        if (maskPadded[i] == 0) {
          assertEquals(0f, gp[i], "padded entry " + i + " gets no gradient");
        }
      }
    }
  }

  private static boolean allNonZero(float[] v) {
    for (float x : v) {
      if (x == 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void contextRejectsMismatchedInputs() {
    DemographicDecoder d = decoder(2, 8, 1);
    try (Scope sc = Scope.open()) {
      Tensor jt = Tensor.zeros(DType.F32, 1, 3, 4);
      Tensor pool = Tensor.zeros(DType.F32, 1, GNN);
      assertThrows(IllegalArgumentException.class, () -> d.context(jt, jt, pool,
          List.of(observation(3, 4, 1), observation(3, 4, 2))));
      assertThrows(IllegalArgumentException.class, () -> d.context(jt, jt,
          Tensor.zeros(DType.F32, 1, GNN + 1), List.of(observation(3, 4, 1))));
      assertThrows(IllegalArgumentException.class, () -> d.loss(Tensor.zeros(DType.F32, 1, CTX),
          new float[][] {new float[31]}, 1));
    }
  }

  @Test
  void conditionedFlowInvertsAndItsLogdetIsTheJacobians() {
    DemographicDecoder d = decoder(4, 8, 2);
    d.readParametersThrough(f64Parameters(d, 0.5, 7)::get);
    SplittableRandom r = new SplittableRandom(4);
    int batch = 2;
    try (Scope sc = Scope.open()) {
      Tensor c = Tensor.of(Backends.cpu(), normal(r, batch * CTX, 1), batch, CTX);
      double[] y = normal(r, batch * K, 1);
      ConditionalAffineFlow.Conditioner net = d.conditioner(c);
      ConditionalAffineFlow flow = d.flow();
      ConditionalAffineFlow.Transformed f = flow.forward(Tensor.of(Backends.cpu(), y, batch, K),
          net);
      double[] back = flow.inverse(f.value(), net).value().toDoubleArray();
      assertArrayEquals(y, back, 1e-10);
      double[] z = f.value().toDoubleArray();
      double moved = 0;
      for (int i = 0; i < y.length; i++) {
        moved = Math.max(moved, Math.abs(z[i] - y[i]));
      }
      assertTrue(moved > 0.05, "the conditioned flow is not the identity: " + moved);
      double[] logdet = f.logdet().toDoubleArray();
      double h = 1e-6;
      for (int b = 0; b < batch; b++) {
        assertEquals(FlowJacobians.numericalLogAbsDet(flow, net, y, batch, K, b, h), logdet[b], 1e-6,
            "example " + b);
      }
    }
  }

  @Test
  void lossGradientCheck() {
    DemographicDecoder d = decoder(2, 6, 3);
    Map<Parameter, Tensor> params = f64Parameters(d, 0.3, 8);
    Map<String, Parameter> named = d.namedParameters();
    SplittableRandom r = new SplittableRandom(5);
    int batch = 2;
    float[][] truth = new float[batch][K];
    for (int b = 0; b < batch; b++) {
      for (int k = 0; k < K; k++) {
        truth[b][k] = (float) r.nextDouble(2, 5);
      }
    }
    List<Parameter> checked = List.of(named.get("coupling0.0.weight"),
        named.get("coupling1.2.weight"), named.get("coupling1.2.bias"));
    try (Scope sc = Scope.open()) {
      Tensor[] in = new Tensor[1 + checked.size()];
      in[0] = f64(normal(r, batch * CTX, 1), batch, CTX);
      for (int i = 0; i < checked.size(); i++) {
        in[1 + i] = params.get(checked.get(i));
      }
      d.readParametersThrough(params::get);
      GradCheck.create().tolerance(1e-5, 1e-7).maxEntriesPerInput(25)
          .run(x -> d.loss(x[0], truth, 99), in).assertOk();
    }
  }

  @Test
  void contextGradientCheck() {
    DemographicDecoder d = decoder(1, 4, 4);
    Map<Parameter, Tensor> params = f64Parameters(d, 0.3, 9);
    d.readParametersThrough(params::get);
    int n = 3;
    int s = 4;
    List<Observation> obs = List.of(observation(n, s, 3), observation(n, s, 4));
    SplittableRandom r = new SplittableRandom(6);
    double[] times = new double[2 * n * s];
    double[] mask = new double[2 * n * s];
    for (int i = 0; i < times.length; i++) {
      boolean valid = (i / s) % n != 0 && !(i >= n * s && i % s == s - 1);
      times[i] = valid ? Math.pow(10, r.nextDouble(0.5, 5.5)) : -3;
      mask[i] = valid ? 1 : 0;
    }
    try (Scope sc = Scope.open()) {
      Tensor m = Tensor.of(Backends.cpu(), mask, 2, n, s);
      Tensor w = params.get(d.namedParameters().get("context.0.weight"));
      GradCheck.create().tolerance(1e-5, 1e-7).maxEntriesPerInput(30)
          .run(x -> d.context(x[0], m, x[1], obs),
              f64(times, 2, n, s), f64(normal(r, 2 * GNN, 1), 2, GNN), w).assertOk();
    }
  }

  @Test
  void lossGradientReachesJoinTimesAndPooledStates() {
    // End to end, as training uses it: L_demo(context(join times, pooled states)).
    DemographicDecoder d = decoder(2, 4, 10);
    d.readParametersThrough(f64Parameters(d, 0.3, 11)::get);
    int n = 3;
    int s = 3;
    List<Observation> obs = List.of(observation(n, s, 5));
    SplittableRandom r = new SplittableRandom(13);
    double[] times = new double[n * s];
    double[] mask = new double[n * s];
    for (int i = s; i < times.length; i++) {
      times[i] = Math.pow(10, r.nextDouble(1, 5));
      mask[i] = 1;
    }
    float[][] truth = {new float[K]};
    for (int k = 0; k < K; k++) {
      truth[0][k] = (float) r.nextDouble(2, 5);
    }
    try (Scope sc = Scope.open()) {
      Tensor m = Tensor.of(Backends.cpu(), mask, 1, n, s);
      GradCheck.create().tolerance(1e-5, 1e-7)
          .run(x -> d.loss(d.context(x[0], m, x[1], obs), truth, 3),
              f64(times, 1, n, s), f64(normal(r, GNN, 1), 1, GNN)).assertOk();
    }
  }

  @Test
  void posteriorIsReproducibleFromItsSeedAndRecordsNothing() {
    DemographicDecoder d = decoder(2, 8, 12);
    try (Scope sc = Scope.open()) {
      Tensor c = Tensor.of(Backends.cpu(), DType.F32, normal(new SplittableRandom(1), CTX, 1), 1,
          CTX).requiresGrad(true);
      int before = Tape.size();
      DemographicDecoder.Summary a = d.posterior(c, 200, 42).get(0);
      assertEquals(before, Tape.size(), "posterior runs without the tape");
      DemographicDecoder.Summary b = d.posterior(c, 200, 42).get(0);
      DemographicDecoder.Summary other = d.posterior(c, 200, 43).get(0);
      assertArrayEquals(a.median(), b.median(), 0);
      assertArrayEquals(a.lo05(), b.lo05(), 0);
      assertTrue(a.median()[5] != other.median()[5], "another seed, other draws");
      for (int k = 0; k < K; k++) {
        assertTrue(a.lo05()[k] < a.median()[k] && a.median()[k] < a.hi95()[k]);
      }
      assertThrows(IllegalArgumentException.class, () -> d.posterior(c, 1, 1));
    }
  }

  /** Closed-form KL(N(0, I) ‖ N(m, S)) = ½[tr S⁻¹ + mᵀS⁻¹m − K + log det S], via S⁻¹ = L⁻ᵀL⁻¹. */
  private static double identityKl(PriorStatistics p) {
    double[][] inv = p.inverseCholesky();
    double[] m = p.standardisedMean();
    double tr = 0;
    double quad = 0;
    for (int i = 0; i < K; i++) {
      double w = 0;
      for (int j = 0; j < K; j++) {
        tr += inv[i][j] * inv[i][j];
        w += inv[i][j] * m[j];
      }
      quad += w * w;
    }
    return 0.5 * (tr + quad - K + p.logDet());
  }

  @Test
  void priorDensityIsTheRidgeGaussian() {
    DemographicDecoder d = decoder(1, 4, 1);
    PriorStatistics p = d.prior();
    double[][] l = p.cholesky();
    double[] m = p.standardisedMean();
    SplittableRandom r = new SplittableRandom(12);
    int rows = 3;
    double[] z = normal(r, rows * K, 1.5);
    try (Scope sc = Scope.open()) {
      double[] got = d.priorLogProb(Tensor.of(Backends.cpu(), z, rows, K)).toDoubleArray();
      for (int b = 0; b < rows; b++) {
        // Solve L·w = z − m by forward substitution: |w|² is the Mahalanobis distance.
        double[] w = new double[K];
        double sq = 0;
        for (int i = 0; i < K; i++) {
          double v = z[b * K + i] - m[i];
          for (int j = 0; j < i; j++) {
            v -= l[i][j] * w[j];
          }
          w[i] = v / l[i][i];
          sq += w[i] * w[i];
        }
        double want = -0.5 * sq - 0.5 * p.logDet() - 0.5 * K * Math.log(2 * Math.PI);
        assertEquals(want, got[b], 1e-9 * Math.abs(want), "row " + b);
      }
    }
  }

  @Test
  void untrainedFlowIsStandardNormalAndItsKlEstimateMatchesTheClosedForm() {
    DemographicDecoder d = decoder(8, 16, 5);
    double exact = identityKl(d.prior());
    assertTrue(exact > 0, "KL of distinct Gaussians is positive: " + exact);
    int batch = 2000;
    SplittableRandom r = new SplittableRandom(7);
    try (Scope sc = Scope.open()) {
      Tensor c = Tensor.of(Backends.cpu(), DType.F32, normal(r, batch * CTX, 2), batch, CTX);
      // Per-example single-sample estimates are independent: their mean is within a few
      // standard errors of the exact value.
      double[] est = d.klEstimate(c, 1, 11).toDoubleArray();
      double mean = 0;
      for (double e : est) {
        mean += e;
      }
      mean /= batch;
      double var = 0;
      for (double e : est) {
        var += (e - mean) * (e - mean);
      }
      double se = Math.sqrt(var / (batch - 1) / batch);
      assertEquals(exact, mean, 4 * se + 1e-3 * exact, "MC KL vs closed form (se " + se + ")");
      double[] est4 = d.klEstimate(c.rows(0, 200), DemographicDecoder.KL_SAMPLES, 12)
          .toDoubleArray();
      double mean4 = 0;
      for (double e : est4) {
        mean4 += e / est4.length;
      }
      assertTrue(mean4 > -1e-3, "averaged KL estimate is not negative: " + mean4);
      assertEquals(exact, mean4, 4 * se * Math.sqrt(batch / 800.0) + 1e-3 * exact);

      // The identity flow gives log q(z*) = log N(z*; 0, I) exactly, so the loss is that NLL / K
      // plus 0.01 times the KL estimate of the same seed.
      float[][] truth = new float[3][K];
      double[] mu = d.prior().mean();
      double[] sd = d.prior().std();
      double[] want = new double[3];
      for (int b = 0; b < 3; b++) {
        double nll = 0;
        for (int k = 0; k < K; k++) {
          truth[b][k] = (float) (mu[k] + sd[k] * (b - 1 + 0.1 * k / K));
          double z = (truth[b][k] - mu[k]) / sd[k];
          nll += 0.5 * z * z + 0.5 * Math.log(2 * Math.PI);
        }
        want[b] = nll / K;
      }
      Tensor c3 = c.rows(0, 3);
      double[] loss = d.loss(c3, truth, 21).toDoubleArray();
      double[] kl = d.klEstimate(c3, DemographicDecoder.KL_SAMPLES, 21).toDoubleArray();
      for (int b = 0; b < 3; b++) {
        assertEquals(want[b] + 0.01 * kl[b], loss[b], 1e-4, "example " + b);
      }
    }
  }

  @Test
  void untrainedAnchoredPosteriorIsCentredOnWatterson() {
    DemographicDecoder d = decoder(2, 8, 6);
    List<Observation> obs = List.of(observation(10, 40, 7), observation(10, 5, 8));
    double[][] anchor = d.wattersonAnchor(obs);
    try (Scope sc = Scope.open()) {
      Tensor c = Tensor.of(Backends.cpu(), DType.F32, new double[2 * CTX], 2, CTX);
      List<DemographicDecoder.Summary> post = d.posterior(c, anchor, 4000, 3);
      List<double[][]> draws = d.draws(c, anchor, 4000, 3);
      double[] sd = d.prior().std();
      for (int b = 0; b < 2; b++) {
        double logNw = Math.log10(obs.get(b).timeScale() / 2);
        for (int k = 0; k < K; k++) {
          // An identity flow over z − a puts the median at a, i.e. at log10 N_W (se ≈ 0.02·sd).
          assertEquals(logNw, post.get(b).median()[k], 0.08 * sd[k]);
          assertEquals(logNw + 1.6449 * sd[k], post.get(b).hi95()[k], 0.12 * sd[k]);
        }
        // Draws and summaries come from the same anchored samples.
        double[] col = new double[4000];
        for (int r = 0; r < 4000; r++) {
          col[r] = draws.get(b)[r][0];
        }
        java.util.Arrays.sort(col);
        assertEquals(post.get(b).median()[0], DemographicDecoder.quantile(col, 0.5), 1e-9);
      }
      // The anchor is a unit-Jacobian shift: the NLL part of the loss at truth t with anchor a
      // equals the unanchored NLL at t − a·σ (checked through the loss minus its KL part).
      float[][] truth = new float[2][K];
      float[][] shifted = new float[2][K];
      for (int b = 0; b < 2; b++) {
        for (int k = 0; k < K; k++) {
          truth[b][k] = (float) (3.5 + 0.01 * k);
          shifted[b][k] = (float) (truth[b][k] - anchor[b][k] * sd[k]);
        }
      }
      double[] anchored = Arith.sub(d.loss(c, anchor, truth, 9),
          Arith.scale(d.klEstimate(c, anchor, DemographicDecoder.KL_SAMPLES, 9), DemographicDecoder.KL_WEIGHT))
          .toDoubleArray();
      double[] plain = Arith.sub(d.loss(c, shifted, 9),
          Arith.scale(d.klEstimate(c, DemographicDecoder.KL_SAMPLES, 9), DemographicDecoder.KL_WEIGHT))
          .toDoubleArray();
      assertEquals(plain[0], anchored[0], 1e-4);
      assertEquals(plain[1], anchored[1], 1e-4);
    }
  }

  @Test
  void untrainedPosteriorIsThePriorsMarginals() {
    // Zero last layers make any depth the identity; two layers keep the 8000 samples cheap.
    DemographicDecoder d = decoder(2, 8, 6);
    int samples = 4000;
    try (Scope sc = Scope.open()) {
      Tensor c = Tensor.of(Backends.cpu(), DType.F32, new double[2 * CTX], 2, CTX);
      List<DemographicDecoder.Summary> post = d.posterior(c, samples, 3);
      assertEquals(2, post.size());
      double[] mu = d.prior().mean();
      double[] sd = d.prior().std();
      for (DemographicDecoder.Summary s : post) {
        for (int k = 0; k < K; k++) {
          // Sample quantiles of N(mu, sd²) from 4000 draws: se ≈ 0.02·sd (median), 0.03·sd (tails).
          assertEquals(mu[k], s.median()[k], 0.08 * sd[k]);
          assertEquals(mu[k] - 1.6449 * sd[k], s.lo05()[k], 0.12 * sd[k]);
          assertEquals(mu[k] + 1.6449 * sd[k], s.hi95()[k], 0.12 * sd[k]);
        }
      }
      assertTrue(post.get(0).median()[0] != post.get(1).median()[0],
          "examples draw from their own streams");
    }
  }

  @Test
  void trainedPosteriorRecoversAKnownGaussian() {
    DemographicDecoder d = decoder(4, 16, 7);
    double[] mu = d.prior().mean();
    double[] sd = d.prior().std();
    double[] centre = new double[K];
    double[] spread = new double[K];
    for (int k = 0; k < K; k++) {
      centre[k] = mu[k] + sd[k] * 0.8 * Math.sin(k / 4.0);
      spread[k] = 0.3 * sd[k];
    }
    Map<String, Parameter> flowParams = new LinkedHashMap<>();
    d.namedParameters().forEach((name, p) -> {
      if (name.startsWith("coupling")) {
        flowParams.put(name, p);
      }
    });
    AdamW opt = AdamW.builder().lr(3e-3).weightDecay(0).build(flowParams);
    SplittableRandom r = new SplittableRandom(8);
    int batch = 64;
    Tensor c;
    try (Scope s = Scope.detached()) {
      c = Tensor.of(Backends.cpu(), DType.F32, new double[batch * CTX], batch, CTX);
    }
    for (int step = 0; step < 300; step++) {
      float[][] y = new float[batch][K];
      for (int b = 0; b < batch; b++) {
        double[] e = normal(r, K, 1);
        for (int k = 0; k < K; k++) {
          y[b][k] = (float) (centre[k] + spread[k] * e[k]);
        }
      }
      try (Scope s = Scope.open()) {
        d.zeroGrad();
        Tensor z = d.standardise(y, c);
        Autograd.backward(Arith.neg(Reduce.meanAll(d.flow().logProb(z, d.conditioner(c)))));
        opt.step();
      }
    }
    try (Scope s = Scope.open()) {
      DemographicDecoder.Summary post = d.posterior(c.rows(0, 1), 2000, 5).get(0);
      for (int k = 0; k < K; k++) {
        // The truth sits up to 0.8 prior std away from the untrained posterior's median.
        assertEquals(centre[k], post.median()[k], 0.12 * sd[k], "median at k=" + k);
        assertEquals(centre[k] - 1.6449 * spread[k], post.lo05()[k], 0.15 * sd[k], "5% at " + k);
        assertEquals(centre[k] + 1.6449 * spread[k], post.hi95()[k], 0.15 * sd[k], "95% at " + k);
      }
    }
    c.release();
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] v = {1, 2, 3, 4, 5};
    assertEquals(3, DemographicDecoder.quantile(v, 0.5), 0);
    assertEquals(1.2, DemographicDecoder.quantile(v, 0.05), 1e-12);
    assertEquals(4.8, DemographicDecoder.quantile(v, 0.95), 1e-12);
  }
}
