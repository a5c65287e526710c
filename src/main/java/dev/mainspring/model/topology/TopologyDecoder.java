package dev.mainspring.model.topology;

import dev.mainspring.nn.Init;
import dev.mainspring.nn.Linear;
import dev.mainspring.nn.Module;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Stage 2's copying attention (MODEL.md): logits e_ij(l) = q_i·k_j/√d − softplus(c)·M_ij(l) over
 * j &lt; i, where M is the windowed Hamming distance (Li &amp; Stephens' mismatch penalty) and c
 * starts at softplus(c) = 1, so an untrained decoder already copies from the nearest haplotype.
 */
public final class TopologyDecoder extends Module {
  private final int width;
  private final Linear query;
  private final Linear key;
  private final Parameter mismatchWeight;

  public TopologyDecoder(int width, UniformRandomProvider rng) {
    this.width = width;
    query = register("query", new Linear(width, width, rng));
    key = register("key", new Linear(width, width, rng));
    mismatchWeight = register(Parameter.create("mismatchWeight", Init.constant(Math.log(Math.E - 1)), rng, 1));
  }

  /**
   * Copying logits [B, S, n, n] (row i, column j); entries outside the causal mask are
   * meaningless and every consumer masks them.
   *
   * @param zSiteMajor Z as [B, S, n, d]
   * @param mismatch M [B, S, n, n] from {@code WindowedMismatch}
   */
  public Tensor logits(Tensor zSiteMajor, Tensor mismatch) {
    Tensor q = query.forward(zSiteMajor);
    Tensor k = key.forward(zSiteMajor);
    Tensor scores = F.scale(F.matmul(q, k, false, true), 1.0 / Math.sqrt(width));
    return F.sub(scores, F.mul(F.softplus(mismatchWeight.value()), mismatch));
  }

  /** softplus(c), the learned weight of the mismatch penalty. */
  public double mismatchPenalty() {
    double c = mismatchWeight.value().item();
    return Math.log1p(Math.exp(c));
  }
}
