package dev.mainspring.model;

import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import java.util.List;

/**
 * The tensors one forward pass reads, built on the host from a {@link Batch}: every example padded
 * to the batch's largest S, with a site mask (1 = real site) that every op and loss honours. Built
 * inside the caller's scope in the model's dtype (masks share the data's dtype, as the ops expect).
 *
 * <p>Layouts: per sample and site {@code [B, n, S]} (the encoder's), per site and row pair
 * {@code [B, S, n, n]} (the decoder logits'). "Valid entry" means a real site and row i ≥ 1.
 */
final class BatchTensors {
  final int batch;
  final int n;
  final int maxSites;
  final int[] sites;
  final double[] timeScale;
  final List<Observation> observations;
  /** Per example: its simulation seed (training) or batch index (inference); keys its Gumbel noise. */
  final long[] exampleIds;

  /** D [B, n, S], 0/1. */
  final Tensor genotypes;
  /** [B, S], 1 at real sites. */
  final Tensor siteMask;
  /** [B, 1, S, 2]: derived-allele frequency and log1p(rho·s·Δp) of each site. */
  final Tensor siteFeatures;
  /** [B, S]: rho·s·p, the band attention's distance coordinate. */
  final Tensor scaledPositions;
  /** [B, S, n, n]: 1 where j < i at a real site (the copying attention's causal mask). */
  final Tensor causalMask;
  /** [B, S, n, 1] and [B, n, S]: the valid entries (real site, i ≥ 1). */
  final Tensor validSiteMajor;
  final Tensor validSampleMajor;
  /** [B]: number of valid entries per example, (n − 1)·S_b. */
  final Tensor validCount;
  /** [B, S]: bp represented by each site (0 at padding), and [B] each example's mu. */
  final Tensor span;
  final Tensor mu;
  /** [B, n−1] observed SFS and [B] each example's S (constants of L_SFS). */
  final Tensor observedSfs;
  final Tensor numSites;

  /** Training targets, or null for an inference batch. */
  final Targets targets;

  /** What the losses compare against, padded like the inputs. */
  static final class Targets {
    /** [B, S, n, n]: one-hot of the canonical target min J*_i(l). */
    Tensor canonical;
    /** [B, S, n, n]: 1 where j ∈ J*_i(l). */
    Tensor targetSet;
    /** [B, n, S]: t*_i(l) / s (1 at invalid entries, which are masked out). */
    Tensor scaledJoinTime;
    /** [B, n, S−1]: b*_i(l) for l ≥ 1, and its mask (i ≥ 1, real site l ≥ 1); null when S = 1. */
    Tensor switches;
    Tensor switchMask;
    /** [B]: valid breakpoint entries per example. */
    Tensor switchCount;
    /** Per example: the prior's log10 N_e grid (Stage 4 target). */
    float[][] log10Ne;
  }

  // The model's backend, not Backends.current(): a model on one backend must not get its batch on another.
  private final dev.mainspring.tensor.Backend backend;

  /** The batch as tensors of {@code dtype} on {@code backend} (the model's: its parameters'). */
  BatchTensors(Batch b, DType dtype, dev.mainspring.tensor.Backend backend) {
    this.backend = backend;
    observations = b.observations();
    batch = observations.size();
    if (batch == 0) {
      throw new IllegalArgumentException("empty batch");
    }
    n = observations.get(0).n();
    sites = new int[batch];
    timeScale = new double[batch];
    int max = 0;
    for (int e = 0; e < batch; e++) {
      Observation o = observations.get(e);
      if (o.n() != n) {
        throw new IllegalArgumentException("every example of a batch needs the same n: example 0 has " + n
            + " genomes, example " + e + " has " + o.n());
      }
      if (o.S() == 0) {
        throw new IllegalArgumentException("example " + e + " has no segregating sites");
      }
      sites[e] = o.S();
      timeScale[e] = o.timeScale();
      max = Math.max(max, o.S());
    }
    maxSites = max;
    int s = maxSites;
    double[] geno = new double[batch * n * s];
    double[] mask = new double[batch * s];
    double[] feat = new double[batch * s * 2];
    double[] pos = new double[batch * s];
    double[] causal = new double[batch * s * n * n];
    double[] validSm = new double[batch * s * n];
    double[] validNm = new double[batch * n * s];
    double[] count = new double[batch];
    double[] spans = new double[batch * s];
    double[] mus = new double[batch];
    double[] sfs = new double[batch * (n - 1)];
    double[] numS = new double[batch];
    for (int e = 0; e < batch; e++) {
      Observation o = observations.get(e);
      int se = o.S();
      double scale = o.rho() * timeScale[e];
      int[] derived = new int[se];
      for (int i = 0; i < n; i++) {
        for (int l = 0; l < se; l++) {
          byte g = o.genotypes()[i * se + l];
          if (g != 0 && g != 1) {
            throw new IllegalArgumentException("genotypes must be 0/1, example " + e + " has " + g
                + " at sample " + i + " site " + l);
          }
          geno[(e * n + i) * s + l] = g;
          derived[l] += g;
        }
      }
      double[] p = o.positions();
      double[] sp = TrainingExample.spans(p, o.sequenceLength());
      for (int l = 0; l < se; l++) {
        mask[e * s + l] = 1;
        feat[(e * s + l) * 2] = derived[l] / (double) n;
        // Site 0 has no left neighbour inside the (possibly cropped) window: distance 0.
        double dp = l == 0 ? 0 : p[l] - p[l - 1];
        feat[(e * s + l) * 2 + 1] = Math.log1p(scale * dp);
        pos[e * s + l] = scale * p[l];
        spans[e * s + l] = sp[l];
        for (int i = 1; i < n; i++) {
          validSm[(e * s + l) * n + i] = 1;
          validNm[(e * n + i) * s + l] = 1;
          int row = ((e * s + l) * n + i) * n;
          for (int j = 0; j < i; j++) {
            causal[row + j] = 1;
          }
        }
      }
      double[] obs = TrainingExample.siteFrequencySpectrum(o.genotypes(), n, se);
      System.arraycopy(obs, 0, sfs, e * (n - 1), n - 1);
      count[e] = (double) (n - 1) * se;
      mus[e] = o.mu();
      numS[e] = se;
    }
    genotypes = Tensor.of(backend(), dtype, geno, batch, n, s);
    siteMask = Tensor.of(backend(), dtype, mask, batch, s);
    siteFeatures = Tensor.of(backend(), dtype, feat, batch, 1, s, 2);
    scaledPositions = Tensor.of(backend(), dtype, pos, batch, s);
    causalMask = Tensor.of(backend(), dtype, causal, batch, s, n, n);
    validSiteMajor = Tensor.of(backend(), dtype, validSm, batch, s, n, 1);
    validSampleMajor = Tensor.of(backend(), dtype, validNm, batch, n, s);
    validCount = Tensor.of(backend(), dtype, count, batch);
    span = Tensor.of(backend(), dtype, spans, batch, s);
    mu = Tensor.of(backend(), dtype, mus, batch);
    observedSfs = Tensor.of(backend(), dtype, sfs, batch, n - 1);
    numSites = Tensor.of(backend(), dtype, numS, batch);
    exampleIds = new long[batch];
    for (int e = 0; e < batch; e++) {
      exampleIds[e] = b.examples() == null ? e : b.examples().get(e).seed;
    }
    targets = b.examples() == null ? null : targets(b.examples(), dtype);
  }

  private Targets targets(List<TrainingExample> examples, DType dtype) {
    int s = maxSites;
    double[] canon = new double[batch * s * n * n];
    double[] set = new double[batch * s * n * n];
    double[] join = new double[batch * n * s];
    java.util.Arrays.fill(join, 1.0);
    double[] sw = s > 1 ? new double[batch * n * (s - 1)] : null;
    double[] swMask = s > 1 ? new double[batch * n * (s - 1)] : null;
    double[] swCount = new double[batch];
    Targets t = new Targets();
    t.log10Ne = new float[batch][];
    for (int e = 0; e < batch; e++) {
      TrainingExample x = examples.get(e);
      int se = x.S;
      t.log10Ne[e] = x.logNeGrid;
      for (int i = 1; i < n; i++) {
        for (int l = 0; l < se; l++) {
          int at = i * se + l;
          int row = ((e * s + l) * n + i) * n;
          int tg = x.target[at];
          if (tg < 0 || tg >= i) {
            throw new IllegalStateException("example " + e + ": target of sample " + i + " at site " + l
                + " is " + tg);
          }
          canon[row + tg] = 1;
          for (int j = 0; j < i; j++) {
            if (x.inTargetSet(i, j, l)) {
              set[row + j] = 1;
            }
          }
          join[(e * n + i) * s + l] = x.joinTime[at] / timeScale[e];
          if (l >= 1) {
            int k = (e * n + i) * (s - 1) + l - 1;
            sw[k] = x.switchFlag[at];
            swMask[k] = 1;
            swCount[e]++;
          }
        }
      }
      // An example with one site has no breakpoint entries; a count of 1 keeps its (zero) mean finite.
      swCount[e] = Math.max(swCount[e], 1);
    }
    t.canonical = Tensor.of(backend(), dtype, canon, batch, s, n, n);
    t.targetSet = Tensor.of(backend(), dtype, set, batch, s, n, n);
    t.scaledJoinTime = Tensor.of(backend(), dtype, join, batch, n, s);
    if (s > 1) {
      t.switches = Tensor.of(backend(), dtype, sw, batch, n, s - 1);
      t.switchMask = Tensor.of(backend(), dtype, swMask, batch, n, s - 1);
    }
    t.switchCount = Tensor.of(backend(), dtype, swCount, batch);
    return t;
  }

  private dev.mainspring.tensor.Backend backend() {
    return backend;
  }
}
