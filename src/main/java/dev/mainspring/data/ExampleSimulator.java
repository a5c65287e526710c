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
    int n = config.samples();
    int sites = mutations.numSites();
    // With a crop, only the window's sites are extracted; the result equals crop() of the full
    // example (same window, same values), without paying for the sites outside it.
    int max = config.maxSites();
    boolean cropped = max > 0 && sites > max;
    int first = cropped ? TrainingExample.windowStart(seed, sites, max) : 0;
    int last = cropped ? first + max : sites;
    TargetExtractor.Targets x = extractor.extract(t, mutations, trees, first, last);
    double lo = first == 0 ? 0 : (mutations.position(first - 1) + mutations.position(first)) / 2;
    double hi = last == sites ? config.length() : (mutations.position(last - 1) + mutations.position(last)) / 2;
    for (int c = 0; c < last - first; c++) {
      x.positions[c] -= lo;
    }
    if (sc.errorRate() > 0) {
      flipGenotypes(x.genotypes, n, sites, first, last, sc.errorRate(), Seeds.rng(Seeds.stream(seed, ERROR_STREAM)));
    }
    TreeSequence tables = null;
    if (config.keepTables()) {
      tables = TreeSequence.fromSimulation(t, mutations, config.ploidy(), sc.demography().demes());
      if (cropped) {
        tables = tables.window(lo, hi);
      }
    }
    Demography d = sc.demography();
    TrainingExample ex = new TrainingExample(seed, n, last - first, hi - lo, config.mu(),
        sc.recombination().meanRate(), x.genotypes, x.positions, x.joinTime, x.target, x.leafRank, x.rankLo,
        x.rankHi, x.switchFlag, d.logNeGrid(), d.startTimes(), d.sizes(), d.demes(), d.migrationRate(),
        sc.errorRate(), sc.hotspots(), lo, tables);
    lastScenario = sc;
    lastTotalNanos = System.nanoTime() - start;
    return ex;
  }

  /**
   * Genotype errors: each entry of the full n x sites matrix flips independently with probability
   * e; only the flips inside columns [first, last) land (g holds those columns). The flips are
   * visited directly, the gaps between them being geometric (drawn by inversion), so a window gets
   * exactly the flips the full matrix would.
   */
  static void flipGenotypes(byte[] g, int n, int sites, int first, int last, double e, UniformRandomProvider rng) {
    double logKeep = Math.log1p(-e);
    long cells = (long) n * sites;
    int width = last - first;
    long i = -1;
    while (true) {
      double skip = Math.floor(Math.log(1.0 - rng.nextDouble()) / logKeep);
      i += 1 + (long) Math.min(skip, cells);
      if (i >= cells) {
        return;
      }
      int row = (int) (i / sites);
      int col = (int) (i % sites);
      if (col >= first && col < last) {
        g[row * width + col - first] ^= 1;
      }
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
