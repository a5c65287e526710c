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

  public static ModelConfig preset(String name) {
    return switch (name) {
      // Seconds on a CPU: tests and CI.
      case "smoke" -> new ModelConfig("smoke", 8, 2e4, 1.25e-8, 1e-8, 48, 16, 2, 1, 8, 1, 2, 32, 32);
      // The CPU default: n = 20 and at most 300 sites, as the calibration run.
      case "small" -> new ModelConfig("small", 20, 1e6, 1.25e-8, 1e-8, 300, 32, 4, 2, 32, 2, 8, 64, 64);
      // The seed's configuration (MODEL.md defaults), for a GPU.
      case "base" -> new ModelConfig("base", 50, 1e5, 1.25e-8, 1e-8, 0, 64, 4, 4, 64, 2, 8, 128, 128);
      default -> throw new IllegalArgumentException("unknown preset '" + name + "': choose smoke, small or base");
    };
  }
}
