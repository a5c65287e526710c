package dev.mainspring.sim;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Infinite-sites binary mutations on a simulated ancestry, as msprime with a continuous genome:
 * on each edge, mutations form a Poisson process of rate {@code mu} per bp per generation over
 * the edge's span times its branch length, at uniform positions and uniform times on the branch.
 * The processes of all edges are drawn as one by walking the edges with exponential gaps in
 * "mass" (mu x span x branch length), so the cost is O(edges + sites) plus the final sort by
 * position. Every site carries one mutation (0 ancestral, 1 derived); two sites landing on the
 * same double position (probability about S^2 / 2^53) keep only the first, so positions are
 * strictly increasing.
 */
public final class InfiniteSites {
  private final NativeDoubles rawPosition = new NativeDoubles(256);
  private final NativeDoubles rawTime = new NativeDoubles(256);
  private final NativeInts rawNode = new NativeInts(256);
  private final NativeInts order = new NativeInts(256);
  private final IndexSort sorter = new IndexSort();
  private final NativeDoubles position = new NativeDoubles(256);
  private final NativeDoubles time = new NativeDoubles(256);
  private final NativeInts node = new NativeInts(256);
  private int numSites;

  /** Places mutations on {@code tables}' edges; returns the number of sites. */
  public int place(AncestryTables tables, double mu, UniformRandomProvider rng) {
    if (!(mu >= 0) || !Double.isFinite(mu)) {
      throw new IllegalArgumentException("mutation rate must be finite and >= 0, got " + mu);
    }
    int raw = 0;
    if (mu > 0) {
      double gap = exp(rng);
      for (int e = 0, ne = tables.numEdges(); e < ne; e++) {
        int p = tables.edgeParent(e);
        int c = tables.edgeChild(e);
        double tc = tables.nodeTime(c);
        double tp = tables.nodeTime(p);
        double left = tables.edgeLeft(e);
        double span = tables.edgeRight(e) - left;
        double area = mu * span * (tp - tc);
        double offset = 0;
        while (offset + gap < area) {
          offset += gap;
          gap = exp(rng);
          double x = left + span * (offset / area);
          double t = Math.min(tc + (tp - tc) * rng.nextDouble(), Math.nextDown(tp));
          rawPosition.ensure(raw + 1L);
          rawTime.ensure(raw + 1L);
          rawNode.ensure(raw + 1L);
          rawPosition.set(raw, Math.min(x, Math.nextDown(left + span)));
          rawTime.set(raw, t);
          rawNode.set(raw, c);
          raw++;
        }
        gap -= area - offset;
      }
    }
    order.ensure(raw);
    for (int i = 0; i < raw; i++) {
      order.set(i, i);
    }
    sorter.sort(order, raw, rawPosition);
    position.ensure(raw);
    time.ensure(raw);
    node.ensure(raw);
    numSites = 0;
    double last = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < raw; i++) {
      int k = order.get(i);
      double x = rawPosition.get(k);
      if (x <= last) {
        continue;
      }
      position.set(numSites, x);
      time.set(numSites, rawTime.get(k));
      node.set(numSites, rawNode.get(k));
      numSites++;
      last = x;
    }
    return numSites;
  }

  private static double exp(UniformRandomProvider rng) {
    return -Math.log(1.0 - rng.nextDouble()); // 1 - u is exact and in (0, 1]; log is an intrinsic, log1p is not
  }

  public int numSites() {
    return numSites;
  }

  public double position(int l) {
    return position.get(l);
  }

  /** The node below the site's mutation: its descendant samples carry the derived allele. */
  public int node(int l) {
    return node.get(l);
  }

  public double time(int l) {
    return time.get(l);
  }
}
