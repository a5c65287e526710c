package dev.mainspring.sim.prior;

/**
 * Phase-4 departures from the training model (the seed uses SLiM here; MODEL.md replaces it with
 * these three), each applied to an example independently with its own probability, so the
 * network sees each alone, in combination, and ~1/8 clean examples (which keeps phase 3's skill
 * from being forgotten).
 *
 * <ul>
 *   <li><b>Two-deme island model.</b> Both demes follow the drawn size history and exchange
 *       migrants symmetrically at m per lineage per generation. The scaled rate M = 4 N(0) m is
 *       log-uniform on [{@link #minScaledMigration}, {@link #maxScaledMigration}]: below ~0.3 the
 *       demes are nearly isolated and the sample looks like one tiny deme with an ancient
 *       split; above ~30 it is panmictic and no departure at all. <i>All samples come from deme 0</i>:
 *       that is the common real situation (a sample from one population of a structured species),
 *       it keeps the target well defined (y = log10 N_e of the sampled deme), and it produces the
 *       classic confounder, structure that masquerades as a size change in the coalescence-time
 *       distribution, which is what the network must learn to hedge against. Splitting the sample
 *       would instead make rows from two demes, a different question (admixed samples).
 *   <li><b>Genotype errors.</b> Each entry of the genotype matrix is flipped independently with
 *       probability e, log-uniform on [{@link #minErrorRate}, {@link #maxErrorRate}] (sequencing
 *       error rates of short-read data). Only observed sites are perturbed (an error at an
 *       invariant position would add a site no tree explains; targets stay those of the true
 *       tree), and a site flipped to all-0 or all-1 is kept, so the row count per site is fixed.
 *   <li><b>Recombination hotspots.</b> H ~ Poisson(G / {@link #hotspotSpacing}) hotspots (at least
 *       one) at uniform centres, widths uniform on [{@link #minHotspotWidth},
 *       {@link #maxHotspotWidth}] bp, each multiplying the background rate by 10^U(1, 2) (human
 *       hotspots: ~1-2 kb wide, every ~50-100 kb, 10-100x background). The map is then rescaled so
 *       its mean equals the configured rho, so rho keeps meaning "mean rate" in the example.
 * </ul>
 */
public record Departures(
    double islandProbability,
    double errorProbability,
    double hotspotProbability,
    double minScaledMigration,
    double maxScaledMigration,
    double minErrorRate,
    double maxErrorRate,
    double hotspotSpacing,
    double minHotspotWidth,
    double maxHotspotWidth) {

  public static final Departures DEFAULT = new Departures(0.5, 0.5, 0.5, 0.3, 30, 1e-4, 1e-2, 50_000, 1_000, 3_000);

  public Departures {
    for (double p : new double[] {islandProbability, errorProbability, hotspotProbability}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("departure probabilities must be in [0, 1], got " + p);
      }
    }
    if (!(minScaledMigration > 0 && maxScaledMigration >= minScaledMigration)) {
      throw new IllegalArgumentException("need 0 < minScaledMigration <= maxScaledMigration");
    }
    if (!(minErrorRate >= 0 && maxErrorRate >= minErrorRate && maxErrorRate < 0.5)) {
      throw new IllegalArgumentException("need 0 <= minErrorRate <= maxErrorRate < 0.5");
    }
    if (!(hotspotSpacing > 0 && minHotspotWidth > 0 && maxHotspotWidth >= minHotspotWidth)) {
      throw new IllegalArgumentException("hotspot spacing and widths must be positive");
    }
  }

  public Departures withProbabilities(double island, double error, double hotspot) {
    return new Departures(island, error, hotspot, minScaledMigration, maxScaledMigration, minErrorRate,
        maxErrorRate, hotspotSpacing, minHotspotWidth, maxHotspotWidth);
  }

  /** Every departure in every example (for tests and for `simulate --prior phase4` inspection). */
  public Departures always() {
    return withProbabilities(1, 1, 1);
  }
}
