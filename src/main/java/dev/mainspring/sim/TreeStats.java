package dev.mainspring.sim;

/**
 * Summaries of simulated tables used by the statistical tests and by {@code simulate --stats}:
 * the number of local trees, and the root time (TMRCA) and total branch length of the first tree.
 */
public final class TreeStats {
  public final int numTrees;
  public final double tmrcaFirstTree;
  public final double branchLengthFirstTree;

  private TreeStats(int numTrees, double tmrca, double tbl) {
    this.numTrees = numTrees;
    this.tmrcaFirstTree = tmrca;
    this.branchLengthFirstTree = tbl;
  }

  /** Computes the summaries with {@code it} (reset here; samples must be nodes 0..n-1). */
  public static TreeStats of(AncestryTables t, TreeIterator it) {
    it.reset(t);
    it.next();
    int n = t.numSamples();
    double tmrca = t.nodeTime(it.root(0));
    // Branch length: every node on a path from a sample to the root, counted once.
    boolean[] seen = new boolean[t.numNodes()];
    double tbl = 0;
    for (int s = 0; s < n; s++) {
      int u = s;
      int p;
      while (!seen[u] && (p = it.parent(u)) != -1) {
        seen[u] = true;
        tbl += t.nodeTime(p) - t.nodeTime(u);
        u = p;
      }
    }
    int trees = 1;
    while (it.next()) {
      trees++;
    }
    return new TreeStats(trees, tmrca, tbl);
  }

  public static TreeStats of(AncestryTables t) {
    return of(t, new TreeIterator());
  }
}
