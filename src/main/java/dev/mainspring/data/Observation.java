package dev.mainspring.data;

/**
 * What the model sees of one dataset: a phased 0/1 genotype matrix over n haploid genomes and S
 * segregating sites, its positions, and the rates it is read with. Training examples and real
 * data (VCF, .trees) both reduce to this.
 *
 * @param genotypes row-major {@code [i * S + l]}, 1 = derived allele
 * @param positions site positions in bp, strictly increasing, in [0, sequenceLength)
 * @param sequenceLength G in bp
 * @param mu mutation rate per bp per generation
 * @param rho recombination rate per bp per generation
 */
public record Observation(int n, int S, byte[] genotypes, double[] positions, double sequenceLength,
    double mu, double rho) {
  public Observation {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 genomes, got " + n);
    }
    if (S < 0 || genotypes.length != (long) n * S || positions.length != S) {
      throw new IllegalArgumentException("genotypes must be n*S = " + n + "*" + S + " and positions S long, got "
          + genotypes.length + " and " + positions.length);
    }
    if (!(sequenceLength > 0) || !(mu > 0) || !(rho >= 0)) {
      throw new IllegalArgumentException("need sequence length > 0, mu > 0, rho >= 0; got G=" + sequenceLength
          + " mu=" + mu + " rho=" + rho);
    }
  }

  /** s = 2 N_W, the model's time unit (MODEL.md, Input). */
  public double timeScale() {
    return TrainingExample.timeScale(S, n, mu, sequenceLength);
  }
}
