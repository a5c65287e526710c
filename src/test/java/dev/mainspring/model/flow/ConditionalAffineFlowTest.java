package dev.mainspring.model.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.GradCheck;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.Reduce;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConditionalAffineFlowTest {
  private static final int HIDDEN = 5;
  private static final int CONTEXT = 3;

  /**
   * Fixed random coupling networks built from existing ops: h = tanh(kept·W + c·V),
   * shift = h·A, raw = 3·(h·R) (scaled so the tanh bound of the log-scale is exercised).
   * Weights per layer: W, V, A, R at {@code offset + 4·layer}.
   */
  private static ConditionalAffineFlow.Conditioner net(Tensor[] in, int offset, Tensor context) {
    return (layer, kept) -> {
      int w = offset + 4 * layer;
      Tensor h = Elementwise.tanh(Arith.add(MatMul.apply(kept, in[w]),
          MatMul.apply(context, in[w + 1])));
      return new ConditionalAffineFlow.Params(MatMul.apply(h, in[w + 2]),
          Arith.scale(MatMul.apply(h, in[w + 3]), 3.0));
    };
  }

  /** Inputs: [0] data (y or eps) [B, K], [1] context [B, C], then 4 weights per layer. */
  private static Tensor[] inputs(Rand r, ConditionalAffineFlow flow, int batch) {
    Tensor[] in = new Tensor[2 + 4 * flow.layers()];
    in[0] = r.param(batch, flow.dim());
    in[1] = r.param(batch, CONTEXT);
    for (int l = 0; l < flow.layers(); l++) {
      in[2 + 4 * l] = r.param(flow.keptSize(), HIDDEN);
      in[3 + 4 * l] = r.param(CONTEXT, HIDDEN);
      in[4 + 4 * l] = scaled(r.param(HIDDEN, flow.transformedSize()), 0.5);
      in[5 + 4 * l] = r.param(HIDDEN, flow.transformedSize());
    }
    return in;
  }

  private static Tensor scaled(Tensor t, double s) {
    double[] v = t.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
    return Tensor.of(Backends.cpu(), v, t.shape()).requiresGrad(true);
  }

  @Test
  void layoutAlternatesHalvesAndCoversEveryCoordinateEachPair() {
    for (int k : new int[] {2, 5, 32}) {
      ConditionalAffineFlow flow = new ConditionalAffineFlow(k, 8, 42);
      for (int l = 0; l < 8; l++) {
        int[] kept = flow.keptIndices(l);
        int[] tr = flow.transformedIndices(l);
        assertEquals(k / 2, kept.length);
        assertEquals(k - k / 2, tr.length);
        int[] all = new int[k];
        System.arraycopy(kept, 0, all, 0, kept.length);
        System.arraycopy(tr, 0, all, kept.length, tr.length);
        Arrays.sort(all);
        for (int i = 0; i < k; i++) {
          assertEquals(i, all[i], "layer " + l + " partitions the coordinates");
        }
        if (l % 2 == 1) {
          boolean[] seen = new boolean[k];
          for (int i : flow.transformedIndices(l - 1)) {
            seen[i] = true;
          }
          for (int i : tr) {
            seen[i] = true;
          }
          for (int i = 0; i < k; i++) {
            assertTrue(seen[i], "pair " + l / 2 + " transforms coordinate " + i);
          }
        }
      }
    }
    ConditionalAffineFlow a = new ConditionalAffineFlow(32, 8, 42);
    ConditionalAffineFlow b = new ConditionalAffineFlow(32, 8, 42);
    ConditionalAffineFlow c = new ConditionalAffineFlow(32, 8, 43);
    boolean differs = false;
    for (int l = 0; l < 8; l++) {
      assertArrayEquals(a.transformedIndices(l), b.transformedIndices(l));
      differs |= !Arrays.equals(a.transformedIndices(l), c.transformedIndices(l));
    }
    assertTrue(differs, "the permutation depends on the seed");
    assertFalse(Arrays.equals(a.transformedIndices(0), a.transformedIndices(2)),
        "a shuffle separates the pairs");
  }

  @Test
  void inverseOfForwardIsTheIdentity() {
    for (int k : new int[] {6, 5}) {
      ConditionalAffineFlow flow = new ConditionalAffineFlow(k, 3, 7);
      try (Scope s = Scope.open()) {
        Tensor[] in = inputs(new Rand(k), flow, 4);
        ConditionalAffineFlow.Conditioner net = net(in, 2, in[1]);
        ConditionalAffineFlow.Transformed f = flow.forward(in[0], net);
        ConditionalAffineFlow.Transformed back = flow.inverse(f.value(), net);
        double[] y = in[0].toDoubleArray();
        double[] z = f.value().toDoubleArray();
        double[] yb = back.value().toDoubleArray();
        double moved = 0;
        for (int i = 0; i < y.length; i++) {
          assertEquals(y[i], yb[i], 1e-12);
          moved = Math.max(moved, Math.abs(z[i] - y[i]));
        }
        assertTrue(moved > 0.1, "the flow is not the identity");
        double[] ld = f.logdet().toDoubleArray();
        double[] ldb = back.logdet().toDoubleArray();
        for (int b = 0; b < 4; b++) {
          assertEquals(-ld[b], ldb[b], 1e-12);
        }
      }
    }
  }

  @Test
  void logdetEqualsLogAbsDetOfTheNumericalJacobian() {
    int k = 6;
    int batch = 3;
    ConditionalAffineFlow flow = new ConditionalAffineFlow(k, 3, 11);
    try (Scope s = Scope.open()) {
      Tensor[] in = inputs(new Rand(5), flow, batch);
      ConditionalAffineFlow.Conditioner net = net(in, 2, in[1]);
      double[] logdet = flow.forward(in[0], net).logdet().toDoubleArray();
      double[] y = in[0].toDoubleArray();
      double h = 1e-6;
      for (int b = 0; b < batch; b++) {
        assertEquals(FlowJacobians.numericalLogAbsDet(flow, net, y, batch, k, b, h), logdet[b], 1e-6,
            "example " + b);
      }
    }
  }

  @Test
  void samplesCarryTheLogDensityTheFlowAssignsThem() {
    ConditionalAffineFlow flow = new ConditionalAffineFlow(5, 3, 3);
    try (Scope s = Scope.open()) {
      Tensor[] in = inputs(new Rand(9), flow, 6);
      ConditionalAffineFlow.Conditioner net = net(in, 2, in[1]);
      ConditionalAffineFlow.Sample smp = flow.sample(in[0], net);
      double[] viaSample = smp.logProb().toDoubleArray();
      double[] viaDensity = flow.logProb(smp.y(), net).toDoubleArray();
      assertArrayEquals(viaDensity, viaSample, 1e-10);
      double[] eps = flow.forward(smp.y(), net).value().toDoubleArray();
      assertArrayEquals(in[0].toDoubleArray(), eps, 1e-12);
    }
  }

  @Test
  void standardNormalLogDensity() {
    try (Scope s = Scope.open()) {
      Tensor z = Tensor.of(new double[] {0, 0, 1, -2}, 2, 2);
      double[] lp = ConditionalAffineFlow.standardNormalLogProb(z).toDoubleArray();
      assertEquals(-Math.log(2 * Math.PI), lp[0], 1e-14);
      assertEquals(-Math.log(2 * Math.PI) - 2.5, lp[1], 1e-14);
    }
  }

  @Test
  void negativeLogLikelihoodGradientCheck() {
    ConditionalAffineFlow flow = new ConditionalAffineFlow(5, 3, 1);
    try (Scope s = Scope.open()) {
      Tensor[] in = inputs(new Rand(4), flow, 3);
      GradCheck.create().tolerance(1e-5, 1e-7).run(x -> Arith.scale(Reduce.meanAll(
          flow.logProb(x[0], net(x, 2, x[1]))), -1.0 / flow.dim()), in).assertOk();
    }
  }

  @Test
  void gradientThroughSamplingCheck() {
    // What the Monte-Carlo KL needs: d/dθ of a function of samples and of their log q.
    ConditionalAffineFlow flow = new ConditionalAffineFlow(4, 2, 8);
    try (Scope s = Scope.open()) {
      Tensor[] in = inputs(new Rand(6), flow, 3);
      GradCheck.create().tolerance(1e-5, 1e-7).run(x -> {
        ConditionalAffineFlow.Sample smp = flow.sample(x[0], net(x, 2, x[1]));
        return Arith.add(smp.logProb(),
            Reduce.sum(Elementwise.square(Arith.addScalar(smp.y(), -0.3)), 1, false));
      }, in).assertOk();
    }
  }

  @Test
  void runsInSinglePrecision() {
    ConditionalAffineFlow flow = new ConditionalAffineFlow(6, 2, 2);
    try (Scope s = Scope.open()) {
      Tensor[] in = inputs(new Rand(2), flow, 3);
      Tensor[] f32 = new Tensor[in.length];
      for (int i = 0; i < in.length; i++) {
        f32[i] = Tensor.of(Backends.cpu(), DType.F32, in[i].toDoubleArray(), in[i].shape());
      }
      double[] want = flow.logProb(in[0], net(in, 2, in[1])).toDoubleArray();
      double[] got = flow.logProb(f32[0], net(f32, 2, f32[1])).toDoubleArray();
      assertArrayEquals(want, got, 1e-4);
    }
  }
}
