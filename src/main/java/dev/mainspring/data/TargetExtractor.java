package dev.mainspring.data;

import dev.mainspring.sim.AncestryTables;
import dev.mainspring.sim.InfiniteSites;
import dev.mainspring.sim.NativeInts;
import dev.mainspring.sim.TreeIterator;

/**
 * Computes genotypes and MODEL.md's Stage-2 targets from a simulated ancestry, one local tree at a
 * time (only trees that hold sites are examined).
 *
 * <p>For a binary tree the targets of all samples come from one post-order pass. Let minLeaf(v)
 * be the smallest sample under v. At an internal node v with children c0, c1, the sample
 * m = max(minLeaf(c0), minLeaf(c1)) is the smallest of its child's subtree, so no j < m lies below
 * that child while the other child holds one: v = u_m. Hence u_m = v, t*_m = time(v),
 * min J*_m = minLeaf(v), and J*_m = {j < m under v}. Ranking leaves in depth-first order makes
 * "under v" a rank interval [lo(v), hi(v)]. Each internal node is u_m for exactly one m, as
 * MODEL.md notes. Native scratch arrays are indexed by node id and reused across examples.
 */
final class TargetExtractor {
  private final NativeInts order = new NativeInts(256);
  private final NativeInts stack = new NativeInts(256);
  private final NativeInts minLeaf = new NativeInts(256);
  private final NativeInts lo = new NativeInts(256);
  private final NativeInts hi = new NativeInts(256);
  private final NativeInts leafAt = new NativeInts(256);
  // Per sample i: u_i, min J*_i, rank range and the u_i of the previous site.
  private final NativeInts joinNode = new NativeInts(256);
  private final NativeInts previousJoinNode = new NativeInts(256);

  /** Output arrays of one example, [i*S + l] except leafRank [l*n + j]. */
  static final class Targets {
    final byte[] genotypes;
    final float[] joinTime;
    final int[] target;
    final int[] leafRank;
    final int[] rankLo;
    final int[] rankHi;
    final byte[] switchFlag;
    final double[] positions;

    Targets(int n, int sites) {
      genotypes = new byte[n * sites];
      joinTime = new float[n * sites];
      target = new int[n * sites];
      leafRank = new int[sites * n];
      rankLo = new int[n * sites];
      rankHi = new int[n * sites];
      switchFlag = new byte[n * sites];
      positions = new double[sites];
    }
  }

  Targets extract(AncestryTables t, InfiniteSites sites, TreeIterator trees) {
    int n = t.numSamples();
    int numSites = sites.numSites();
    Targets out = new Targets(n, numSites);
    int nodes = t.numNodes();
    order.ensure(nodes);
    stack.ensure(nodes);
    minLeaf.ensure(nodes);
    lo.ensure(nodes);
    hi.ensure(nodes);
    leafAt.ensure(n);
    joinNode.ensure(n);
    previousJoinNode.ensure(n);
    for (int l = 0; l < numSites; l++) {
      out.positions[l] = sites.position(l);
    }
    // Row 0 has no target: an empty rank range and target -1.
    for (int l = 0; l < numSites; l++) {
      out.target[l] = -1;
      out.rankHi[l] = -1;
    }
    trees.reset(t);
    int l = 0;
    while (l < numSites && trees.next()) {
      if (sites.position(l) >= trees.right()) {
        continue;
      }
      analyseTree(t, trees);
      for (; l < numSites && sites.position(l) < trees.right(); l++) {
        writeSite(t, sites, out, n, numSites, l);
      }
    }
    return out;
  }

  /** Leaf ranks, rank ranges, minLeaf, and u_i for every sample, for the current tree. */
  private void analyseTree(AncestryTables t, TreeIterator trees) {
    int n = t.numSamples();
    int root = trees.root(0);
    // Pre-order, children left to right, numbering leaves as they are met.
    int top = 0;
    int count = 0;
    int rank = 0;
    stack.set(top++, root);
    while (top > 0) {
      int v = stack.get(--top);
      order.set(count++, v);
      if (v < n) {
        lo.set(v, rank);
        hi.set(v, rank);
        minLeaf.set(v, v);
        leafAt.set(rank++, v);
      } else {
        for (int c = trees.rightChild(v); c != -1; c = trees.leftSib(c)) {
          stack.set(top++, c);
        }
      }
    }
    if (rank != n) {
      throw new IllegalStateException("local tree does not hold all " + n + " samples");
    }
    // Reverse pre-order visits children before parents.
    for (int k = count - 1; k >= 0; k--) {
      int v = order.get(k);
      if (v < n) {
        continue;
      }
      int c0 = trees.leftChild(v);
      int c1 = trees.rightChild(v);
      if (c0 == c1 || trees.rightSib(c0) != c1) {
        throw new IllegalStateException("node " + v + " is not binary: targets need binary trees");
      }
      int m0 = minLeaf.get(c0);
      int m1 = minLeaf.get(c1);
      minLeaf.set(v, Math.min(m0, m1));
      lo.set(v, lo.get(c0));
      hi.set(v, hi.get(c1));
      joinNode.set(Math.max(m0, m1), v);
    }
  }

  private void writeSite(AncestryTables t, InfiniteSites sites, Targets out, int n, int numSites, int l) {
    int leafRow = l * n;
    for (int r = 0; r < n; r++) {
      out.leafRank[leafRow + leafAt.get(r)] = r;
    }
    for (int i = 1; i < n; i++) {
      int u = joinNode.get(i);
      int at = i * numSites + l;
      out.joinTime[at] = (float) t.nodeTime(u);
      out.target[at] = minLeaf.get(u);
      out.rankLo[at] = lo.get(u);
      out.rankHi[at] = hi.get(u);
      if (l > 0 && previousJoinNode.get(i) != u) {
        out.switchFlag[at] = 1;
      }
      previousJoinNode.set(i, u);
    }
    int mutated = sites.node(l);
    for (int r = lo.get(mutated), end = hi.get(mutated); r <= end; r++) {
      out.genotypes[leafAt.get(r) * numSites + l] = 1;
    }
  }
}
