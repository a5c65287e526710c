package dev.mainspring.model.encoder;

import dev.mainspring.nn.Init;
import dev.mainspring.nn.Linear;
import dev.mainspring.nn.Mlp;
import dev.mainspring.nn.Module;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.SampleAttention;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One pre-LayerNorm encoder block (MODEL.md, Stage 1) on Z [B, n, S, d]: attention across the n
 * samples at each site (no positional information, so permutation-equivariant), sliding-window
 * attention along the sites of each sample with a per-head learned distance penalty
 * −softplus(a_h)·rho·s·|p_l − p_l'|, and a GELU FFN d → 4d → d, each with a residual.
 */
public final class EncoderBlock extends Module {
  /** softplus(a) = 1 at init: one unit of decay per expected recombination in s generations. */
  static final double SOFTPLUS_INVERSE_ONE = Math.log(Math.E - 1);

  private final int heads;
  private final int window;
  private final LayerNormModule norm1;
  private final Linear q1;
  private final Linear k1;
  private final Linear v1;
  private final Linear o1;
  private final LayerNormModule norm2;
  private final Linear q2;
  private final Linear k2;
  private final Linear v2;
  private final Linear o2;
  private final Parameter decay;
  private final LayerNormModule norm3;
  private final Mlp ffn;

  public EncoderBlock(int width, int heads, int window, UniformRandomProvider rng) {
    if (width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not divisible by " + heads + " heads");
    }
    this.heads = heads;
    this.window = window;
    norm1 = register("norm1", new LayerNormModule(width, rng));
    q1 = register("sampleQ", new Linear(width, width, rng));
    k1 = register("sampleK", new Linear(width, width, rng));
    v1 = register("sampleV", new Linear(width, width, rng));
    o1 = register("sampleOut", new Linear(width, width, rng));
    norm2 = register("norm2", new LayerNormModule(width, rng));
    q2 = register("siteQ", new Linear(width, width, rng));
    k2 = register("siteK", new Linear(width, width, rng));
    v2 = register("siteV", new Linear(width, width, rng));
    o2 = register("siteOut", new Linear(width, width, rng));
    decay = register(Parameter.create("distanceDecay", Init.constant(SOFTPLUS_INVERSE_ONE), rng, heads));
    norm3 = register("norm3", new LayerNormModule(width, rng));
    ffn = register("ffn", new Mlp(rng, width, 4 * width, width));
  }

  /**
   * @param x [B, n, S, d]
   * @param siteMask [B, S], 1 at real sites
   * @param scaledPositions [B, S], rho·s·p
   */
  public Tensor forward(Tensor x, Tensor siteMask, Tensor scaledPositions) {
    Tensor h = norm1.forward(x);
    Tensor a = SampleAttention.apply(q1.forward(h), k1.forward(h), v1.forward(h), siteMask, heads, false);
    x = F.add(x, o1.forward(a));
    h = norm2.forward(x);
    a = BandAttention.apply(q2.forward(h), k2.forward(h), v2.forward(h), scaledPositions, decay.value(),
        siteMask, heads, window);
    x = F.add(x, o2.forward(a));
    return F.add(x, ffn.forward(norm3.forward(x)));
  }
}
