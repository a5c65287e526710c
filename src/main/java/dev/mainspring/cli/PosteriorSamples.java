package dev.mainspring.cli;

import java.io.PrintWriter;

/** Checks {@code --posterior-samples} for the commands that summarise the N_e posterior. */
final class PosteriorSamples {
  /** MODEL.md summarises the posterior from at least this many flow samples. */
  static final int RECOMMENDED = 1000;

  private PosteriorSamples() {}

  /** Refuses fewer than two draws (a 5–95% band needs two) and warns below {@link #RECOMMENDED}. */
  static void check(int samples, PrintWriter err) {
    if (samples < 2) {
      throw new UserError("--posterior-samples must be at least 2 (the 5-95% band needs two draws), got " + samples);
    }
    if (samples < RECOMMENDED) {
      err.println("note: " + samples + " posterior samples make the 5% and 95% quantiles noisy; " + RECOMMENDED
          + " or more is the recommended minimum");
    }
  }
}
