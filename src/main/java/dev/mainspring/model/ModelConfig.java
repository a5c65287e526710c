package dev.mainspring.model;

/**
 * Architecture and data shape of one model (MODEL.md). Presets: {@link #preset(String)}.
 * Contract for the model, training and inference code; the model issue fills in the reasons
 * and may add fields, but keeps these names.
 *
 * @param preset the preset name it came from ("custom" otherwise)
 * @param samples n, haploid genomes per example
 * @param sequenceLength G in bp of each simulated example
 * @param mu mutation rate per bp per generation
 * @param rho recombination rate per bp per generation
 * @param maxSites examples with more sites are cropped to a random window of this many (0: none)
 * @param width d, model width
 * @param heads attention heads
 * @param blocks encoder blocks B
 * @param window band half-width w over sites
 * @param gnnRounds R up/down rounds of the dating GNN
 * @param flowLayers affine coupling layers of the demographic flow
 * @param flowHidden hidden width of each coupling net (2 hidden layers)
 * @param contextWidth width of the flow's context vector c
 */
public record ModelConfig(String preset, int samples, double sequenceLength, double mu, double rho, int maxSites,
    int width, int heads, int blocks, int window, int gnnRounds, int flowLayers, int flowHidden, int contextWidth) {

  public ModelConfig {
    if (samples < 2 || width < 1 || heads < 1 || blocks < 0 || gnnRounds < 0 || flowLayers < 1 || flowHidden < 1
        || contextWidth < 1 || maxSites < 0) {
      throw new IllegalArgumentException("model config " + preset + " needs n >= 2, positive widths, heads and flow "
          + "layers, and non-negative blocks, GNN rounds and maxSites");
    }
    if (width % heads != 0) {
      throw new IllegalArgumentException("width " + width + " is not divisible by " + heads + " heads");
    }
    if (window < 0 || window > 512) {
      throw new IllegalArgumentException("band half-width w must be in [0, 512], got " + window);
    }
  }

  public static ModelConfig preset(String name) {
    return switch (name) {
      // Seconds on a CPU: tests and CI (n = 8, <= 48 sites, d = 16, one block, one GNN round).
      case "smoke" -> new ModelConfig("smoke", 8, 2e4, 1.25e-8, 1e-8, 48, 16, 2, 1, 8, 1, 2, 32, 32);
      // The CPU default for `train`. Shape as the calibration run (n = 20, crop to 300
      // sites, batch 4). Sized by `bench model` on the shared 2-core box (BENCHMARKS.md):
      // d = 32 with 4 heads (dh = 8) is the narrowest width whose attention heads still see
      // several features; 2 encoder blocks so sample and site attention alternate twice; w = 16
      // (band attention cost is linear in w, and the mismatch window M uses the same w: 33 sites
      // is ample for local copying evidence at these densities); 1 GNN round (one up and one
      // down pass; each round costs about as much as an encoder block); the flow keeps MODEL.md's 8 layers at width 64,
      // which costs little next to the per-site stages.
      case "small" -> new ModelConfig("small", 20, 1e6, 1.25e-8, 1e-8, 300, 32, 4, 2, 16, 1, 8, 64, 64);
      // The seed's configuration (MODEL.md defaults: d = 64, 4 heads, B = 4, w = 64, R = 2, flow
      // 8 x 128, context 128), for a GPU.
      case "base" -> new ModelConfig("base", 50, 1e5, 1.25e-8, 1e-8, 0, 64, 4, 4, 64, 2, 8, 128, 128);
      default -> throw new IllegalArgumentException("unknown preset '" + name + "': choose smoke, small or base");
    };
  }
}
