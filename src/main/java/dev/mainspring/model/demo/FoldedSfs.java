package dev.mainspring.model.demo;

import dev.mainspring.data.Observation;

/**
 * The observed site frequency spectrum, folded and binned to a fixed width so that any sample size
 * n gives the decoder the same number of inputs (MODEL.md, Stage 4 context).
 *
 * <p>Folding: a site whose derived allele is carried by c of the n genomes has minor-allele count
 * m = min(c, n − c). Sites with m = 0 (not segregating in the sample) are skipped, so the classes
 * are m = 1..M with M = ⌊n/2⌋; folding makes the spectrum independent of which allele is called
 * derived (polarisation errors vanish).
 *
 * <p>Binning: class m goes to bin ⌊(m − 1)·bins / M⌋, contiguous groups of near-equal numbers of
 * classes. For M ≥ bins every bin gets at least one class; for M &lt; bins each class gets its own
 * bin, spread over [0, bins) in order, and the bins between stay zero (for n = 10, M = 5: bins 0,
 * 3, 6, 9, 12). The result is normalised to sum to 1 over the counted sites; an observation with
 * none gives all zeros.
 */
public final class FoldedSfs {
  private FoldedSfs() {}

  /** The bin of minor-allele class m (1 ≤ m ≤ ⌊n/2⌋) for n genomes. */
  public static int bin(int m, int n, int bins) {
    int classes = n / 2;
    if (m < 1 || m > classes) {
      throw new IllegalArgumentException("minor-allele class must be in [1, " + classes
          + "] for n = " + n + ", got " + m);
    }
    return (int) ((long) (m - 1) * bins / classes);
  }

  /** The folded, binned, normalised spectrum of {@code obs} ({@code bins} values summing to 1 or 0). */
  public static double[] of(Observation obs, int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("need at least one SFS bin, got " + bins);
    }
    int n = obs.n();
    int s = obs.S();
    byte[] g = obs.genotypes();
    int[] derived = new int[s];
    for (int i = 0; i < n; i++) {
      int row = i * s;
      for (int l = 0; l < s; l++) {
        derived[l] += g[row + l];
      }
    }
    double[] out = new double[bins];
    int counted = 0;
    for (int l = 0; l < s; l++) {
      int m = Math.min(derived[l], n - derived[l]);
      if (m >= 1) {
        out[bin(m, n, bins)] += 1;
        counted++;
      }
    }
    if (counted > 0) {
      for (int b = 0; b < bins; b++) {
        out[b] /= counted;
      }
    }
    return out;
  }
}
