package dev.mainspring.nn;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Linear layers of widths dims[0] → dims[1] → … → dims[last] with GELU between them (none after the
 * last). Layers are named "0", "1", … so parameters read "0.weight", "0.bias", "1.weight", ….
 */
public final class Mlp extends Module {
  private final List<Linear> layers = new ArrayList<>();

  public Mlp(UniformRandomProvider rng, int... dims) {
    if (dims.length < 2) {
      throw new IllegalArgumentException("an MLP needs at least input and output widths");
    }
    for (int i = 0; i + 1 < dims.length; i++) {
      layers.add(register(Integer.toString(i), new Linear(dims[i], dims[i + 1], rng)));
    }
  }

  public Tensor forward(Tensor x) {
    Tensor h = x;
    for (int i = 0; i < layers.size(); i++) {
      h = layers.get(i).forward(h);
      if (i + 1 < layers.size()) {
        h = Elementwise.gelu(h);
      }
    }
    return h;
  }

  public List<Linear> layers() {
    return List.copyOf(layers);
  }
}
