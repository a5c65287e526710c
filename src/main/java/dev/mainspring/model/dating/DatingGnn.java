package dev.mainspring.model.dating;

import dev.mainspring.nn.Linear;
import dev.mainspring.nn.Mlp;
import dev.mainspring.nn.Module;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Stage 3 (MODEL.md): message passing on each site's copying tree (edge i → ĵ_i for i ≥ 1, rooted
 * at sample 0) and a Gamma head per i over the scaled join time t/s.
 *
 * <p>The hard one-hot targets A [B, S, n, n] (A_ij = 1 iff ĵ_i = j) are used as a dense adjacency:
 * a parent's state is gathered as A·h, child messages are scatter-added to parents as Aᵀ·m. Both
 * are batched matrix products, so the straight-through gradient of A reaches the decoder through
 * every gather, scatter, z_ĵ and m_i. Row 0 of A is zero, so the root sends no message, and the
 * down pass masks it so it receives none.
 *
 * <p>MODEL.md's "sample 0 (the root) sends and receives no edge messages" is read edge by edge: the
 * root has no edge of its own (there is no ĵ_0), so nothing travels up from it or down to it. As a
 * parent it still sums its children's up messages, like every other parent in the inside pass;
 * masking those too would stop the inside pass short of the root, whose state is what the down pass
 * hands to the root's children and part of Stage 4's pooled context.
 *
 * <p>Each round is an up pass (child → parent) then a down pass (parent → child), one synchronous
 * step each with its own weights: message MLP([h_child, h_parent, edge]), update
 * h ← h + MLP([h, Σ messages]).
 */
public final class DatingGnn extends Module {
  /** Floor added to α and β so the Gamma stays proper while softplus underflows. */
  static final double GAMMA_FLOOR = 1e-3;

  private final Linear nodeIn;
  private final List<Mlp> upMessage = new ArrayList<>();
  private final List<Mlp> upUpdate = new ArrayList<>();
  private final List<Mlp> downMessage = new ArrayList<>();
  private final List<Mlp> downUpdate = new ArrayList<>();
  private final Linear head;

  public DatingGnn(int width, int rounds, UniformRandomProvider rng) {
    nodeIn = register("nodeIn", new Linear(width, width, rng));
    int edge = 2 * width + 1;
    for (int r = 0; r < rounds; r++) {
      upMessage.add(register("up" + r + "Message", new Mlp(rng, 2 * width + edge, width, width)));
      upUpdate.add(register("up" + r + "Update", new Mlp(rng, 2 * width, width, width)));
      downMessage.add(register("down" + r + "Message", new Mlp(rng, 2 * width + edge, width, width)));
      downUpdate.add(register("down" + r + "Update", new Mlp(rng, 2 * width, width, width)));
    }
    head = register("gammaHead", new Linear(width, 2, rng));
  }

  /** Gamma parameters α, β [B, S, n] (row 0 meaningless) and the final node states [B, S, n, d]. */
  public record Output(Tensor alpha, Tensor beta, Tensor states) {}

  /**
   * @param z Z as [B, S, n, d]
   * @param adjacency hard targets A [B, S, n, n] (straight-through)
   * @param mismatch M [B, S, n, n], the decoder's windowed mismatch counts
   * @param valid [B, S, n, 1]: 1 at real sites for i ≥ 1
   */
  public Output forward(Tensor z, Tensor adjacency, Tensor mismatch, Tensor valid) {
    Tensor zParent = F.matmul(adjacency, z);
    int[] s = mismatch.shape();
    // m_i = log1p(M_iĵ): the chosen target's mismatch count.
    Tensor chosen = F.sum(F.mul(adjacency, mismatch), 3, true);
    Tensor edge = F.concat(3, F.mul(z, zParent), F.abs(F.sub(z, zParent)), F.log1p(chosen));
    Tensor h = nodeIn.forward(z);
    for (int r = 0; r < upMessage.size(); r++) {
      Tensor parent = F.matmul(adjacency, h);
      Tensor msg = upMessage.get(r).forward(F.concat(3, h, parent, edge));
      Tensor received = F.matmul(adjacency, msg, true, false);
      h = F.add(h, upUpdate.get(r).forward(F.concat(3, h, received)));
      parent = F.matmul(adjacency, h);
      msg = F.mul(downMessage.get(r).forward(F.concat(3, h, parent, edge)), valid);
      h = F.add(h, downUpdate.get(r).forward(F.concat(3, h, msg)));
    }
    Tensor raw = F.addScalar(F.softplus(head.forward(h)), GAMMA_FLOOR);
    Tensor alpha = F.slice(raw, 3, 0, 1).reshape(s[0], s[1], s[2]);
    Tensor beta = F.slice(raw, 3, 1, 2).reshape(s[0], s[1], s[2]);
    return new Output(alpha, beta, h);
  }
}
