package dev.mainspring.data;

import dev.mainspring.sim.AncestryTables;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.HudsonSimulator;
import dev.mainspring.sim.InfiniteSites;
import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.TreeIterator;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.sim.prior.Departures;
import dev.mainspring.sim.prior.Scenario;
import dev.mainspring.sim.prior.ScenarioSampler;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Makes training examples: scenario (demography and departures) → ancestry → mutations →
 * genotypes and targets → genotype errors → optional crop. Example k of a run is a pure function
 * of (run seed, k): its generator is seeded from {@link Seeds#example}, and everything that could
 * depend on history (pool sizes, Fenwick shapes) is reset per example. Not thread-safe: use one
 * instance per worker thread; each reuses its native working memory across examples.
 */
public final class ExampleSimulator {
  /** Stream tag for the genotype-error generator. */
  static final long ERROR_STREAM = 0x4552524FL;

  /**
   * What to simulate.
   *
   * @param samples n, haploid genomes
   * @param length G in bp
   * @param mu mutation rate per bp per generation
   * @param rho recombination rate per bp per generation (mean rate under hotspots)
   * @param phase demography prior, or null to use {@code demography}
   * @param demography fixed demography when {@code phase} is null
   * @param departures phase-4 departures (used in phase 4, or with a fixed demography when not null)
   * @param maxSites crop each example to at most this many sites (0: keep all)
   * @param keepTables keep the true tree sequence in each example (slower; for evaluation)
   * @param ploidy genomes per individual in the kept tables
   */
  public record Config(int samples, double length, double mu, double rho, CurriculumPhase phase,
      Demography demography, Departures departures, int maxSites, boolean keepTables, int ploidy) {

    public Config {
      if (samples < 2) {
        throw new IllegalArgumentException("need at least 2 sample genomes, got " + samples);
      }
      if (!(length > 0) || !Double.isFinite(length)) {
        throw new IllegalArgumentException("sequence length must be positive, got " + length);
      }
      if (!(mu >= 0) || !Double.isFinite(mu)) {
        throw new IllegalArgumentException("mutation rate must be finite and >= 0, got " + mu);
      }
      if (!(rho >= 0) || !Double.isFinite(rho)) {
        throw new IllegalArgumentException("recombination rate must be finite and >= 0, got " + rho);
      }
      if (maxSites < 0) {
        throw new IllegalArgumentException("maxSites must be >= 0, got " + maxSites);
      }
      if (ploidy < 1 || samples % ploidy != 0) {
        throw new IllegalArgumentException(samples + " genomes do not split into individuals of ploidy " + ploidy);
      }
    }

    /** The seed's training setting: a curriculum prior, msprime-like rates, departures in phase 4. */
    public static Config prior(int samples, double length, double mu, double rho, CurriculumPhase phase) {
      return new Config(samples, length, mu, rho, phase, null, Departures.DEFAULT, 0, false, 1);
    }

    public static Config fixed(int samples, double length, double mu, double rho, Demography demography) {
      return new Config(samples, length, mu, rho, null, demography, null, 0, false, 1);
    }

    public Config withMaxSites(int max) {
      return new Config(samples, length, mu, rho, phase, demography, departures, max, keepTables, ploidy);
    }

    public Config withTables(boolean keep, int ploidyOfIndividuals) {
      return new Config(samples, length, mu, rho, phase, demography, departures, maxSites, keep, ploidyOfIndividuals);
    }

    public Config withDepartures(Departures d) {
      return new Config(samples, length, mu, rho, phase, demography, d, maxSites, keepTables, ploidy);
    }
  }

  private final Config config;
  private final ScenarioSampler sampler;
  private final HudsonSimulator ancestry = new HudsonSimulator();
  private final InfiniteSites mutations = new InfiniteSites();
  private final TreeIterator trees = new TreeIterator();
  private final TargetExtractor extractor = new TargetExtractor();
  private long lastAncestryNanos;
  private long lastTotalNanos;
  private Scenario lastScenario;

  public ExampleSimulator(Config config) {
    this.config = config;
    this.sampler = new ScenarioSampler(config.samples(), config.length(), config.rho(), config.phase(),
        config.demography(), config.departures());
  }

  public Config config() {
    return config;
  }

  /** Example {@code index} of the run seeded {@code runSeed}. */
  public TrainingExample simulate(long runSeed, long index) {
    long start = System.nanoTime();
    long seed = Seeds.example(runSeed, index);
    UniformRandomProvider rng = Seeds.rng(seed);
    Scenario sc = sampler.sample(rng);
    AncestryTables t = ancestry.simulate(sc.samplesPerDeme(), sc.demography(), sc.recombination(), rng);
    lastAncestryNanos = System.nanoTime() - start;
    mutations.place(t, config.mu(), rng);
    TargetExtractor.Targets x = extractor.extract(t, mutations, trees);
    int n = config.samples();
    int sites = mutations.numSites();
    if (sc.errorRate() > 0) {
      flipGenotypes(x.genotypes, sc.errorRate(), Seeds.rng(Seeds.stream(seed, ERROR_STREAM)));
    }
    TreeSequence tables = config.keepTables()
        ? TreeSequence.fromSimulation(t, mutations, config.ploidy(), sc.demography().demes()) : null;
    Demography d = sc.demography();
    TrainingExample ex = new TrainingExample(seed, n, sites, config.length(), config.mu(),
        sc.recombination().meanRate(), x.genotypes, x.positions, x.joinTime, x.target, x.leafRank, x.rankLo,
        x.rankHi, x.switchFlag, d.logNeGrid(), d.startTimes(), d.sizes(), d.demes(), d.migrationRate(),
        sc.errorRate(), sc.hotspots(), 0, tables);
    if (config.maxSites() > 0) {
      ex = ex.crop(config.maxSites());
    }
    lastScenario = sc;
    lastTotalNanos = System.nanoTime() - start;
    return ex;
  }

  /**
   * Flips each entry independently with probability e, visiting only the flipped ones: the gaps
   * between flips are geometric, drawn by inversion.
   */
  static void flipGenotypes(byte[] g, double e, UniformRandomProvider rng) {
    double logKeep = Math.log1p(-e);
    long i = -1;
    while (true) {
      double skip = Math.floor(Math.log(1.0 - rng.nextDouble()) / logKeep);
      i += 1 + (long) Math.min(skip, g.length);
      if (i >= g.length) {
        return;
      }
      g[(int) i] ^= 1;
    }
  }

  /** Wall time of the last example's ancestry (scenario draw included). */
  public long lastAncestryNanos() {
    return lastAncestryNanos;
  }

  /** Wall time of the whole last example: ancestry, mutations, genotypes, targets, errors, crop. */
  public long lastTotalNanos() {
    return lastTotalNanos;
  }

  public Scenario lastScenario() {
    return lastScenario;
  }
}
