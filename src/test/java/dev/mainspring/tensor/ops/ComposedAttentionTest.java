package dev.mainspring.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The benchmark baseline must compute what the fused ops compute: values and gradients, in F64. */
class ComposedAttentionTest {
  private final Rand rand = new Rand(53);

  private static void close(double[] want, double[] got, String what) {
    for (int e = 0; e < want.length; e++) {
      assertEquals(want[e], got[e], 1e-10 * (1 + Math.abs(want[e])), what + " element " + e);
    }
  }

  /** Output and gradients of every input that requires one, for a fixed output gradient. */
  private static double[][] outAndGrads(Function<Tensor[], Tensor> f, Tensor g, Tensor... in) {
    try (Scope s = Scope.open()) {
      Tensor out = f.apply(in);
      Autograd.backward(out, g);
      double[][] r = new double[in.length + 1][];
      r[0] = out.toDoubleArray();
      for (int x = 0; x < in.length; x++) {
        r[x + 1] = in[x].grad().toDoubleArray();
        in[x].clearGrad();
      }
      return r;
    }
  }

  @Test
  void bandCompositionMatchesFusedOp() {
    int B = 2;
    int n = 3;
    int S = 9;
    int d = 6;
    int H = 2;
    try (Scope s = Scope.open()) {
      Tensor q = rand.param(B, n, S, d);
      Tensor k = rand.param(B, n, S, d);
      Tensor v = rand.param(B, n, S, d);
      Tensor a = rand.param(H);
      Tensor pos = Tensor.of(rand.uniform(B * S, 0, 4), B, S);
      Tensor mask = Tensor.of(SampleAttentionTest.mask(B, S), B, S);
      Tensor g = Tensor.of(rand.normal(B * n * S * d), B, n, S, d);
      double[][] fused = outAndGrads(in -> BandAttention.apply(in[0], in[1], in[2], pos, in[3],
          mask, H, 2), g, q, k, v, a);
      double[][] composed = outAndGrads(in -> ComposedAttention.band(in[0], in[1], in[2], pos,
          in[3], mask, H, 2), g, q, k, v, a);
      String[] names = {"out", "gq", "gk", "gv", "ga"};
      for (int x = 0; x < names.length; x++) {
        close(fused[x], composed[x], "band " + names[x]);
      }
    }
  }

  @Test
  void sampleCompositionMatchesFusedOp() {
    int B = 2;
    int n = 5;
    int S = 4;
    int d = 6;
    int H = 3;
    for (boolean causal : new boolean[] {false, true}) {
      try (Scope s = Scope.open()) {
        Tensor q = rand.param(B, n, S, d);
        Tensor k = rand.param(B, n, S, d);
        Tensor v = rand.param(B, n, S, d);
        Tensor mask = Tensor.of(SampleAttentionTest.mask(B, S), B, S);
        Tensor g = Tensor.of(rand.normal(B * n * S * d), B, n, S, d);
        double[][] fused = outAndGrads(in -> SampleAttention.apply(in[0], in[1], in[2], mask, H,
            causal), g, q, k, v);
        double[][] composed = outAndGrads(in -> ComposedAttention.sample(in[0], in[1], in[2], mask,
            H, causal), g, q, k, v);
        String[] names = {"out", "gq", "gk", "gv"};
        for (int x = 0; x < names.length; x++) {
          close(fused[x], composed[x], "sample causal=" + causal + " " + names[x]);
        }
      }
    }
  }
}
