package dev.mainspring.sim.prior;

import dev.mainspring.sim.Demography;
import dev.mainspring.sim.RateMap;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Draws the {@link Scenario} of one example: a demography from the phase's prior (or a fixed
 * one), then, in phase 4, each departure with its probability. Draw order is fixed, so a scenario
 * is a function of the generator's state alone.
 */
public final class ScenarioSampler {
  private final int samples;
  private final double length;
  private final double rho;
  private final CurriculumPhase phase;
  private final Demography fixed;
  private final Departures departures;

  /**
   * @param phase the prior to draw demographies from, or null to always use {@code fixed}
   * @param departures applied in phase 4 or with a fixed demography; null for none
   */
  public ScenarioSampler(int samples, double length, double rho, CurriculumPhase phase, Demography fixed,
      Departures departures) {
    if (samples < 2) {
      throw new IllegalArgumentException("need at least 2 sample genomes, got " + samples);
    }
    if (!(length > 0) || !Double.isFinite(length)) {
      throw new IllegalArgumentException("sequence length must be positive, got " + length);
    }
    if (!(rho >= 0) || !Double.isFinite(rho)) {
      throw new IllegalArgumentException("recombination rate must be finite and >= 0, got " + rho);
    }
    if ((phase == null) == (fixed == null)) {
      throw new IllegalArgumentException("give either a prior phase or a fixed demography");
    }
    this.samples = samples;
    this.length = length;
    this.rho = rho;
    this.phase = phase;
    this.fixed = fixed;
    this.departures = departures;
  }

  public Scenario sample(UniformRandomProvider rng) {
    Demography d = fixed != null ? fixed : DemographyPrior.sample(phase, rng);
    boolean depart = departures != null && (phase == null || phase.departures);
    if (!depart) {
      return Scenario.simple(d, samples, length, rho);
    }
    double scaledMigration = 0;
    int[] perDeme = {samples};
    if (rng.nextDouble() < departures.islandProbability()) {
      scaledMigration = logUniform(departures.minScaledMigration(), departures.maxScaledMigration(), rng);
      d = d.withIsland(scaledMigration / (4 * d.size(0)));
      perDeme = new int[] {samples, 0}; // all samples from deme 0: see Departures
    }
    double errorRate = 0;
    if (rng.nextDouble() < departures.errorProbability()) {
      errorRate = logUniform(departures.minErrorRate(), departures.maxErrorRate(), rng);
    }
    RateMap map = RateMap.uniform(length, rho);
    int hotspots = 0;
    if (rng.nextDouble() < departures.hotspotProbability() && rho > 0) {
      hotspots = Math.max(1, poisson(length / departures.hotspotSpacing(), rng));
      map = hotspotMap(hotspots, rng);
    }
    return new Scenario(d, perDeme, map, errorRate, scaledMigration, hotspots);
  }

  /** Background rate times (1 + sum of hotspot excesses), rescaled to mean rho. */
  private RateMap hotspotMap(int count, UniformRandomProvider rng) {
    double[] lo = new double[count];
    double[] hi = new double[count];
    double[] excess = new double[count];
    double[] cuts = new double[2 * count + 2];
    for (int h = 0; h < count; h++) {
      double centre = rng.nextDouble() * length;
      double width = departures.minHotspotWidth()
          + (departures.maxHotspotWidth() - departures.minHotspotWidth()) * rng.nextDouble();
      lo[h] = Math.max(0, centre - width / 2);
      hi[h] = Math.min(length, centre + width / 2);
      excess[h] = Math.pow(10, 1 + rng.nextDouble()) - 1;
      cuts[2 * h] = lo[h];
      cuts[2 * h + 1] = hi[h];
    }
    cuts[2 * count] = 0;
    cuts[2 * count + 1] = length;
    double[] pos = Arrays.stream(cuts).sorted().distinct().toArray();
    double[] rate = new double[pos.length - 1];
    double mass = 0;
    for (int k = 0; k < rate.length; k++) {
      double mid = (pos[k] + pos[k + 1]) / 2;
      double r = 1;
      for (int h = 0; h < count; h++) {
        if (lo[h] <= mid && mid < hi[h]) {
          r += excess[h];
        }
      }
      rate[k] = r;
      mass += r * (pos[k + 1] - pos[k]);
    }
    double scale = rho * length / mass;
    for (int k = 0; k < rate.length; k++) {
      rate[k] *= scale;
    }
    return new RateMap(pos, rate);
  }

  private static double logUniform(double lo, double hi, UniformRandomProvider rng) {
    return Math.exp(Math.log(lo) + (Math.log(hi) - Math.log(lo)) * rng.nextDouble());
  }

  /** Poisson by inversion; the means here are small (G / 50 kb). */
  private static int poisson(double mean, UniformRandomProvider rng) {
    double u = rng.nextDouble();
    double p = Math.exp(-mean);
    double cdf = p;
    int k = 0;
    while (u > cdf && k < 10_000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
}
