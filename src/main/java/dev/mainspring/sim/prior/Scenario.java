package dev.mainspring.sim.prior;

import dev.mainspring.sim.Demography;
import dev.mainspring.sim.RateMap;

/**
 * Everything one example is simulated under: the demography (with its demes), where the samples
 * come from, the recombination map, and the genotype error rate (0 for none).
 *
 * @param scaledMigration 4 N(0) m of the island model (0 for one deme)
 * @param hotspots number of recombination hotspots (0 for a uniform map)
 */
public record Scenario(
    Demography demography,
    int[] samplesPerDeme,
    RateMap recombination,
    double errorRate,
    double scaledMigration,
    int hotspots) {

  public static Scenario simple(Demography demography, int samples, double length, double rho) {
    return new Scenario(demography, new int[] {samples}, RateMap.uniform(length, rho), 0, 0, 0);
  }
}
