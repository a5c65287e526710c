package dev.mainspring.model.encoder;

import dev.mainspring.nn.Init;
import dev.mainspring.nn.Module;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import org.apache.commons.rng.UniformRandomProvider;

/** LayerNorm over the last axis with learned γ (init 1) and β (init 0), as PyTorch's nn.LayerNorm. */
public final class LayerNormModule extends Module {
  private static final double EPS = 1e-5;
  private final Parameter gamma;
  private final Parameter beta;

  public LayerNormModule(int width, UniformRandomProvider rng) {
    gamma = register(Parameter.create("weight", Init.ones(), rng, width));
    beta = register(Parameter.create("bias", Init.zeros(), rng, width));
  }

  public Tensor forward(Tensor x) {
    return F.layerNorm(x, gamma.value(), beta.value(), EPS);
  }
}
