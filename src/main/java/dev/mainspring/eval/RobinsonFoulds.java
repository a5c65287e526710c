package dev.mainspring.eval;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Normalised Robinson–Foulds distance between two rooted binary trees over the same n leaves,
 * given as parent arrays over 2n-1 nodes (leaves 0..n-1, -1 for the root) as
 * {@link dev.mainspring.data.ThreadingArgBuilder#parents} writes them. A tree is compared as its
 * set of clades (the leaf set below each node); singletons and the full set are in every tree, so
 * only the n-2 non-root internal clades count. The distance is |A Δ B| / (2(n-2)): 0 for the same
 * topology, 1 when no clade is shared. Node times and internal numbering do not matter.
 */
public final class RobinsonFoulds {
  private RobinsonFoulds() {}

  public static double normalised(int[] parentA, int[] parentB, int n) {
    if (parentA.length != 2 * n - 1 || parentB.length != 2 * n - 1) {
      throw new IllegalArgumentException("parent arrays must have 2n-1 = " + (2 * n - 1) + " entries, got "
          + parentA.length + " and " + parentB.length);
    }
    if (n <= 2) {
      return 0; // one topology only
    }
    Set<BitSet> a = clades(parentA, n);
    Set<BitSet> b = clades(parentB, n);
    int shared = 0;
    for (BitSet c : a) {
      if (b.contains(c)) {
        shared++;
      }
    }
    int symmetricDifference = a.size() + b.size() - 2 * shared;
    return symmetricDifference / (2.0 * (n - 2));
  }

  /** The non-trivial clades: leaf sets of internal nodes other than the root, with 2..n-1 leaves. */
  static Set<BitSet> clades(int[] parent, int n) {
    BitSet[] below = new BitSet[parent.length];
    for (int leaf = 0; leaf < n; leaf++) {
      int steps = 0;
      for (int v = parent[leaf]; v != -1; v = parent[v]) {
        if (++steps > parent.length) {
          throw new IllegalArgumentException("parent array has a cycle above leaf " + leaf);
        }
        if (below[v] == null) {
          below[v] = new BitSet(n);
        }
        below[v].set(leaf);
      }
    }
    Set<BitSet> out = new HashSet<>();
    for (int v = n; v < parent.length; v++) {
      if (below[v] != null && below[v].cardinality() < n && below[v].cardinality() > 1) {
        out.add(below[v]);
      }
    }
    return out;
  }
}
