package dev.mainspring.model.topology;

import dev.mainspring.nn.Mlp;
import dev.mainspring.nn.Module;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The breakpoint head (MODEL.md, Stage 2): b̂_i(l) = σ(MLP([z_i(l−1); z_i(l); z_i(l) − z_i(l−1)]))
 * for l ≥ 1 (site 0 has no left neighbour and no breakpoint).
 */
public final class BreakpointHead extends Module {
  private final Mlp mlp;

  public BreakpointHead(int width, UniformRandomProvider rng) {
    mlp = register("mlp", new Mlp(rng, 3 * width, width, 1));
  }

  /** Logits [B, n, S−1] for sites 1..S−1 from Z [B, n, S, d] (S ≥ 2). */
  public Tensor logits(Tensor z) {
    int[] s = z.shape();
    if (s[2] < 2) {
      throw new IllegalArgumentException("breakpoints need at least 2 sites, got " + s[2]);
    }
    Tensor prev = F.slice(z, 2, 0, s[2] - 1);
    Tensor cur = F.slice(z, 2, 1, s[2]);
    Tensor y = mlp.forward(F.concat(3, prev, cur, F.sub(cur, prev)));
    return y.reshape(s[0], s[1], s[2] - 1);
  }
}
