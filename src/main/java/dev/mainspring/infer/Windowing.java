package dev.mainspring.infer;

import dev.mainspring.data.Observation;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a chromosome into model inputs. The chromosome [0, L) is cut into consecutive windows of
 * the model's sequence length G (the last one shorter). A window with more sites than the model's
 * maxSites (when it has one) is split further into the fewest sub-windows of at most maxSites
 * sites each, with sites shared out as evenly as possible; sub-windows meet at the mid-point
 * between their neighbouring sites, as a training crop does ({@code TrainingExample.crop}), so the
 * pieces tile the window exactly. Windows without sites are returned with {@code sites == 0}: the
 * caller reports them and leaves that stretch without trees.
 */
public final class Windowing {
  private Windowing() {}

  public static List<Window> split(double[] positions, double length, double windowLength, int maxSites) {
    if (!(windowLength > 0)) {
      throw new IllegalArgumentException("window length must be positive, got " + windowLength);
    }
    if (!(length > 0)) {
      throw new IllegalArgumentException("sequence length must be positive, got " + length);
    }
    List<Window> out = new ArrayList<>();
    int site = 0;
    long count = (long) Math.ceil(length / windowLength);
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many windows: " + count);
    }
    for (long w = 0; w < count; w++) {
      double start = w * windowLength;
      double end = Math.min(length, (w + 1) * windowLength);
      int first = site;
      while (site < positions.length && positions[site] < end) {
        site++;
      }
      int s = site - first;
      if (maxSites <= 0 || s <= maxSites) {
        out.add(new Window(out.size(), (int) w, start, end, first, s));
        continue;
      }
      int pieces = (s + maxSites - 1) / maxSites;
      double left = start;
      int at = first;
      for (int k = 0; k < pieces; k++) {
        int take = s / pieces + (k < s % pieces ? 1 : 0);
        int last = at + take - 1;
        double right = k == pieces - 1 ? end : (positions[last] + positions[last + 1]) / 2;
        out.add(new Window(out.size(), (int) w, left, right, at, take));
        left = right;
        at += take;
      }
    }
    return out;
  }

  /** The window's observation: positions relative to its start, genotypes row-major [i*S + l]. */
  public static Observation observation(Haplotypes h, Window w, double mu, double rho) {
    int n = h.genomes();
    int s = w.sites();
    byte[] g = new byte[n * s];
    double[] p = new double[s];
    for (int l = 0; l < s; l++) {
      int site = w.first() + l;
      p[l] = h.positions()[site] - w.start();
      for (int i = 0; i < n; i++) {
        g[i * s + l] = h.genotypes()[site * n + i];
      }
    }
    return new Observation(n, s, g, p, w.length(), mu, rho);
  }
}
