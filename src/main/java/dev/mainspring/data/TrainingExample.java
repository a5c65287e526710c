package dev.mainspring.data;

import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.TreeSequence;

/**
 * One training example: the observed genotype matrix and everything MODEL.md trains against. All
 * arrays are plain and public for speed; treat them as read-only.
 *
 * <p>Notation: {@code n} haploid sample genomes (rows, numbered in threading order), {@code S}
 * segregating sites (columns), {@code G} the sequence length in bp. "Per sample and site" arrays
 * are row-major {@code [i * S + l]}; {@link #leafRank} is site-major {@code [l * n + j]}.
 *
 * <p>Targets (MODEL.md, Stage 2). In the true local tree at site l, {@code u_i(l)} (i >= 1) is
 * the lowest ancestor of leaf i whose subtree holds a leaf j < i. Then
 * <ul>
 *   <li>{@link #joinTime}[i*S+l] = t*_i(l) = time of u_i(l), in generations (row 0: 0, unused);
 *   <li>the target set J*_i(l) = {j < i under u_i(l)}, stored compactly: leaves of the true tree
 *       at site l are ranked in a depth-first order ({@link #leafRank}[l*n+j]), the leaves under
 *       a node are a contiguous rank range, and j ∈ J*_i(l) ⇔ j < i and
 *       {@link #rankLo}[i*S+l] ≤ leafRank[l*n+j] ≤ {@link #rankHi}[i*S+l]; see
 *       {@link #inTargetSet}. Row 0 holds the empty range (0, -1);
 *   <li>{@link #target}[i*S+l] = min J*_i(l), the canonical hard target (row 0: -1);
 *   <li>{@link #switchFlag}[i*S+l] = b*_i(l) = 1 iff u_i(l) ≠ u_i(l-1) as nodes of the true tree
 *       sequence (0 at l = 0 and in row 0).
 * </ul>
 * Genotype errors (phase 4) are applied to {@link #genotypes} only; targets and the optional
 * {@link #tables} stay those of the true trees.
 */
public final class TrainingExample {
  /** The example's own seed, {@code Seeds.example(runSeed, index)}; crops derive their window from it. */
  public final long seed;
  public final int n;
  public final int S;
  /** G: length of the (windowed) genome in bp; positions are in [0, G). */
  public final double sequenceLength;
  /** Mutation rate per bp per generation used to simulate. */
  public final double mu;
  /** Recombination rate per bp per generation (for a hotspot map: its mean rate). */
  public final double rho;

  /** 0/1 derived-allele matrix, [i*S + l]. */
  public final byte[] genotypes;
  /** Site positions in bp, strictly increasing, in [0, G). */
  public final double[] positions;
  /**
   * The bp interval each site represents: site l covers [mid(l-1,l), mid(l,l+1)) with the first
   * from 0 and the last to G, so the spans sum to G.
   */
  public final double[] span;
  public final float[] joinTime;
  public final int[] target;
  public final int[] leafRank;
  public final int[] rankLo;
  public final int[] rankHi;
  public final byte[] switchFlag;
  /** Observed site frequency spectrum: sfs[k-1] = number of sites with derived count k, k = 1..n-1. */
  public final double[] sfs;
  /** y_k = log10 N_e(t_k) of deme 0 at t_k = 10^(1 + 5k/31) generations, k = 0..31. */
  public final float[] logNeGrid;
  /**
   * s = 2 N_W with N_W = max(S,1) / (a_n 4 mu G), a_n = Σ_{k=1}^{n-1} 1/k: the model's time unit
   * (infinite if mu = 0).
   */
  public final double timeScale;

  /** The true demography: epoch start times (generations, first 0) and diploid sizes. */
  public final double[] epochStart;
  public final double[] epochSize;
  /** Phase-4 departures used: number of demes (island model if 2), its migration rate per generation, genotype error rate, hotspot count. */
  public final int demes;
  public final double migrationRate;
  public final double errorRate;
  public final int hotspots;

  /** Where this example's genome starts in the simulated genome (0 unless cropped). */
  public final double windowStart;
  /** The true tree sequence (window-cropped with the example), or null when not kept. */
  public final TreeSequence tables;

  TrainingExample(long seed, int n, int sites, double sequenceLength, double mu, double rho, byte[] genotypes,
      double[] positions, float[] joinTime, int[] target, int[] leafRank, int[] rankLo, int[] rankHi,
      byte[] switchFlag, float[] logNeGrid, double[] epochStart, double[] epochSize, int demes,
      double migrationRate, double errorRate, int hotspots, double windowStart, TreeSequence tables) {
    this.seed = seed;
    this.n = n;
    this.S = sites;
    this.sequenceLength = sequenceLength;
    this.mu = mu;
    this.rho = rho;
    this.genotypes = genotypes;
    this.positions = positions;
    this.joinTime = joinTime;
    this.target = target;
    this.leafRank = leafRank;
    this.rankLo = rankLo;
    this.rankHi = rankHi;
    this.switchFlag = switchFlag;
    this.logNeGrid = logNeGrid;
    this.epochStart = epochStart;
    this.epochSize = epochSize;
    this.demes = demes;
    this.migrationRate = migrationRate;
    this.errorRate = errorRate;
    this.hotspots = hotspots;
    this.windowStart = windowStart;
    this.tables = tables;
    this.span = spans(positions, sequenceLength);
    this.sfs = siteFrequencySpectrum(genotypes, n, sites);
    this.timeScale = timeScale(sites, n, mu, sequenceLength);
  }

  /** The observed part: what the model is given at inference. */
  public Observation observation() {
    return new Observation(n, S, genotypes, positions, sequenceLength, mu, rho);
  }

  /** True iff j ∈ J*_i(l). */
  public boolean inTargetSet(int i, int j, int l) {
    if (j >= i) {
      return false;
    }
    int r = leafRank[l * n + j];
    return rankLo[i * S + l] <= r && r <= rankHi[i * S + l];
  }

  public int genotype(int i, int l) {
    return genotypes[i * S + l];
  }

  /** Number of sites with derived count k computed from {@link #genotypes}, per MODEL.md. */
  public static double[] siteFrequencySpectrum(byte[] g, int n, int sites) {
    double[] sfs = new double[n - 1];
    int[] count = new int[sites];
    for (int i = 0; i < n; i++) {
      int row = i * sites;
      for (int l = 0; l < sites; l++) {
        count[l] += g[row + l];
      }
    }
    for (int l = 0; l < sites; l++) {
      int k = count[l];
      if (k >= 1 && k <= n - 1) {
        sfs[k - 1]++;
      }
    }
    return sfs;
  }

  public static double[] spans(double[] p, double length) {
    int sites = p.length;
    double[] span = new double[sites];
    double left = 0;
    for (int l = 0; l < sites; l++) {
      double right = l + 1 < sites ? (p[l] + p[l + 1]) / 2 : length;
      span[l] = right - left;
      left = right;
    }
    return span;
  }

  static double timeScale(int sites, int n, double mu, double length) {
    double an = 0;
    for (int k = 1; k < n; k++) {
      an += 1.0 / k;
    }
    double watterson = Math.max(sites, 1) / (an * 4 * mu * length);
    return 2 * watterson;
  }

  /** {@link #crop(int, long)} with the window drawn from this example's seed. */
  public TrainingExample crop(int maxSites) {
    return crop(maxSites, seed);
  }

  /**
   * A window of at most {@code maxSites} consecutive sites: sites a..b with the start drawn
   * uniformly from {@code seed}, re-expressed on the genome [mid(a-1,a), mid(b,b+1)) shifted to
   * start at 0 (mid(-1,0) = 0, mid(S-1,S) = G). Spans, SFS and the time scale are recomputed on
   * the window; per-site targets are unchanged, except that the window's first site has no
   * switch. Returns this example if it has no more than maxSites sites.
   */
  public TrainingExample crop(int maxSites, long seed) {
    if (maxSites < 1) {
      throw new IllegalArgumentException("maxSites must be >= 1, got " + maxSites);
    }
    if (S <= maxSites) {
      return this;
    }
    int a = windowStart(seed, S, maxSites);
    int w = maxSites;
    int b = a + w - 1;
    double lo = a == 0 ? 0 : (positions[a - 1] + positions[a]) / 2;
    double hi = b == S - 1 ? sequenceLength : (positions[b] + positions[b + 1]) / 2;
    double[] p = new double[w];
    for (int l = 0; l < w; l++) {
      p[l] = positions[a + l] - lo;
    }
    byte[] g = new byte[n * w];
    float[] jt = new float[n * w];
    int[] tg = new int[n * w];
    int[] rl = new int[n * w];
    int[] rh = new int[n * w];
    byte[] sw = new byte[n * w];
    for (int i = 0; i < n; i++) {
      System.arraycopy(genotypes, i * S + a, g, i * w, w);
      System.arraycopy(joinTime, i * S + a, jt, i * w, w);
      System.arraycopy(target, i * S + a, tg, i * w, w);
      System.arraycopy(rankLo, i * S + a, rl, i * w, w);
      System.arraycopy(rankHi, i * S + a, rh, i * w, w);
      System.arraycopy(switchFlag, i * S + a, sw, i * w, w);
      sw[i * w] = 0;
    }
    int[] lr = new int[w * n];
    System.arraycopy(leafRank, a * n, lr, 0, w * n);
    TreeSequence window = tables == null ? null : tables.window(lo, hi);
    return new TrainingExample(this.seed, n, w, hi - lo, mu, rho, g, p, jt, tg, lr, rl, rh, sw, logNeGrid,
        epochStart, epochSize, demes, migrationRate, errorRate, hotspots, windowStart + lo, window);
  }

  /** First site of the crop window of {@code maxSites} of {@code sites} sites drawn from {@code seed}. */
  static int windowStart(long seed, int sites, int maxSites) {
    return Seeds.rng(Seeds.stream(seed, CROP_STREAM)).nextInt(sites - maxSites + 1);
  }

  /** Stream tag for the crop window's generator (see {@link Seeds#stream}). */
  static final long CROP_STREAM = 0x43524F50L;
}
