package dev.mainspring.model.encoder;

import dev.mainspring.nn.Init;
import dev.mainspring.nn.Linear;
import dev.mainspring.nn.Module;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Stage 1 (MODEL.md): genotypes D [B, n, S] → Z [B, n, S, d]. Embedding
 * x = E[D] + W_f·[freq, log1p(rho·s·Δp)], then B pre-LayerNorm {@link EncoderBlock}s and a final
 * LayerNorm (pre-LN stacks leave the residual stream unnormalised; the decoder's dot products want
 * it normalised).
 */
public final class GenomicEncoder extends Module {
  private final Parameter ancestral;
  private final Parameter derived;
  private final Linear siteFeatures;
  private final List<EncoderBlock> blocks = new ArrayList<>();
  private final LayerNormModule finalNorm;

  public GenomicEncoder(int width, int heads, int numBlocks, int window, UniformRandomProvider rng) {
    // Embedding rows ~ N(0, 1) as nn.Embedding initialises them.
    ancestral = register(Parameter.create("embed0", Init.normal(1.0), rng, width));
    derived = register(Parameter.create("embed1", Init.normal(1.0), rng, width));
    siteFeatures = register("siteFeatures", new Linear(2, width, false, rng));
    for (int b = 0; b < numBlocks; b++) {
      blocks.add(register("block" + b, new EncoderBlock(width, heads, window, rng)));
    }
    finalNorm = register("norm", new LayerNormModule(width, rng));
  }

  /**
   * @param genotypes D [B, n, S], 0/1
   * @param features [B, 1, S, 2] per-site frequency and log1p(rho·s·Δp)
   * @param siteMask [B, S]
   * @param scaledPositions [B, S] rho·s·p
   */
  public Tensor forward(Tensor genotypes, Tensor features, Tensor siteMask, Tensor scaledPositions) {
    int[] s = genotypes.shape();
    Tensor d = genotypes.reshape(s[0], s[1], s[2], 1);
    // E[D] = E0 + D·(E1 − E0) for D ∈ {0, 1}.
    Tensor x = F.add(ancestral.value(), F.mul(d, F.sub(derived.value(), ancestral.value())));
    x = F.add(x, siteFeatures.forward(features));
    for (EncoderBlock b : blocks) {
      x = b.forward(x, siteMask, scaledPositions);
    }
    return finalNorm.forward(x);
  }
}
