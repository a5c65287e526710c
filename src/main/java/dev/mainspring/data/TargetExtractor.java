package dev.mainspring.data;

import dev.mainspring.sim.AncestryTables;
import dev.mainspring.sim.InfiniteSites;
import dev.mainspring.sim.NativeDoubles;
import dev.mainspring.sim.TreeIterator;
import java.lang.foreign.MemorySegment;

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
 * MODEL.md notes.
 *
 * <p>Layout: the per-sample results of each analysed tree are kept tree-major (one row of n per
 * tree) for a block of {@link #BLOCK} trees, then the row-major outputs [i*S + l] of the block's
 * sites are written one sample row at a time, so writes are sequential and the block's tree rows
 * stay in cache; the switch flag falls out of comparing u_i at consecutive sites of a row.
 *
 * <p>Scratch is plain int arrays reused across examples (no garbage after warm-up). Unlike the
 * simulator's state, which lives in native memory, this per-tree bookkeeping is index-chasing over
 * small arrays, where native-segment access measured ~1.5x slower (bench sim, full example).
 */
final class TargetExtractor {
  // Per node of the current tree: minLeaf, lo, hi at [3v], [3v+1], [3v+2].
  private int[] nodeInfo = new int[3 * 256];
  private int[] order = new int[256];
  // Children of each internal node of the current tree, copied out of the iterator's records.
  private int[] child0 = new int[256];
  private int[] child1 = new int[256];
  private int[] stack = new int[256];
  private int[] leafAt = new int[64];
  private int[] leafRank = new int[64];
  // Per analysed tree k and sample i, at [k*n + i]: u_i, min J*_i, rank range.
  private int[] treeJoin = new int[1024];
  private float[] treeTime = new float[1024];
  private int[] treeTarget = new int[1024];
  private int[] treeLo = new int[1024];
  private int[] treeHi = new int[1024];
  // Per site: which analysed tree of the current block holds it.
  private int[] siteTree = new int[256];
  // Per sample: u_i at the last site written (for the switch flag across blocks).
  private int[] lastJoin = new int[64];
  /** Trees per block: 64 trees x n samples x 4 ints stay within L2 for n up to a few hundred. */
  static final int BLOCK = 64;

  private static int[] ensure(int[] a, long n) {
    return n <= a.length ? a : java.util.Arrays.copyOf(a, (int) Math.max(n, 2L * a.length));
  }

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
    return extract(t, sites, trees, 0, sites.numSites());
  }

  /**
   * Genotypes and targets of sites [first, last) only (a crop window): trees before the window
   * are passed over, and iteration stops after it. Column c of the outputs is site first + c, and
   * the window's first site has no switch.
   */
  Targets extract(AncestryTables t, InfiniteSites sites, TreeIterator trees, int first, int last) {
    int n = t.numSamples();
    int width = last - first;
    Targets out = new Targets(n, width);
    int nodes = t.numNodes();
    nodeInfo = ensure(nodeInfo, 3L * nodes);
    order = ensure(order, nodes);
    child0 = ensure(child0, nodes);
    child1 = ensure(child1, nodes);
    stack = ensure(stack, nodes);
    leafAt = ensure(leafAt, n);
    leafRank = ensure(leafRank, n);
    siteTree = ensure(siteTree, width);
    lastJoin = ensure(lastJoin, n);
    java.util.Arrays.fill(lastJoin, 0, n, Integer.MIN_VALUE);
    for (int c = 0; c < width; c++) {
      out.positions[c] = sites.position(first + c);
    }
    trees.reset(t);
    int c = 0; // next column to fill: site first + c
    int analysed = 0;
    int blockStart = 0;
    while (c < width && trees.next()) {
      double right = trees.right();
      if (sites.position(first + c) >= right) {
        continue;
      }
      if (analysed == BLOCK) {
        writeRows(out, n, width, blockStart, c);
        blockStart = c;
        analysed = 0;
      }
      long need = (long) (analysed + 1) * n;
      treeJoin = ensure(treeJoin, need);
      if (treeTime.length < need) {
        treeTime = java.util.Arrays.copyOf(treeTime, (int) Math.max(need, 2L * treeTime.length));
      }
      treeTarget = ensure(treeTarget, need);
      treeLo = ensure(treeLo, need);
      treeHi = ensure(treeHi, need);
      analyseTree(n, trees.nodeRecords(), trees.root(0), analysed, t.nodeTimes().segment());
      int[] info = nodeInfo;
      int[] leaves = leafAt;
      for (; c < width && sites.position(first + c) < right; c++) {
        siteTree[c] = analysed;
        System.arraycopy(leafRank, 0, out.leafRank, c * n, n);
        int mutated = sites.node(first + c);
        for (int r = info[3 * mutated + 1], end = info[3 * mutated + 2]; r <= end; r++) {
          out.genotypes[leaves[r] * width + c] = 1;
        }
      }
      analysed++;
    }
    writeRows(out, n, width, blockStart, c);
    return out;
  }

  /** Leaf ranks, rank ranges, minLeaf, and u_i etc. of every sample for the current tree. */
  private void analyseTree(int n, MemorySegment tree, int root, int k, MemorySegment nodeTime) {
    int[] ord = order;
    int[] ch0 = child0;
    int[] ch1 = child1;
    int[] stk = stack;
    int[] info = nodeInfo;
    int[] leaves = leafAt;
    int[] rank = leafRank;
    // Pre-order, children left to right, numbering leaves as they are met.
    int top = 0;
    int count = 0;
    int r = 0;
    stk[top++] = root;
    while (top > 0) {
      int v = stk[--top];
      ord[count++] = v;
      if (v < n) {
        info[3 * v] = v;
        info[3 * v + 1] = r;
        info[3 * v + 2] = r;
        leaves[r] = v;
        rank[v] = r;
        r++;
      } else {
        int c1 = TreeIterator.rightChild(tree, v);
        int c0 = c1 == -1 ? -1 : TreeIterator.leftSib(tree, c1);
        if (c0 == -1 || TreeIterator.leftSib(tree, c0) != -1) {
          throw new IllegalStateException("node " + v + " is not binary: targets need binary trees");
        }
        ch0[v] = c0;
        ch1[v] = c1;
        stk[top++] = c1;
        stk[top++] = c0;
      }
    }
    if (r != n) {
      throw new IllegalStateException("local tree does not hold all " + n + " samples");
    }
    int[] join = treeJoin;
    float[] time = treeTime;
    int[] target = treeTarget;
    int[] lo = treeLo;
    int[] hi = treeHi;
    int row = k * n;
    join[row] = -1;
    time[row] = 0;
    target[row] = -1;
    lo[row] = 0;
    hi[row] = -1;
    // Reverse pre-order visits children before parents.
    for (int j = count - 1; j >= 0; j--) {
      int v = ord[j];
      if (v < n) {
        continue;
      }
      int c0 = ch0[v];
      int c1 = ch1[v];
      int m0 = info[3 * c0];
      int m1 = info[3 * c1];
      int vlo = info[3 * c0 + 1];
      int vhi = info[3 * c1 + 2];
      int min = Math.min(m0, m1);
      info[3 * v] = min;
      info[3 * v + 1] = vlo;
      info[3 * v + 2] = vhi;
      int at = row + Math.max(m0, m1);
      join[at] = v;
      time[at] = (float) NativeDoubles.at(nodeTime, v);
      target[at] = min;
      lo[at] = vlo;
      hi[at] = vhi;
    }
  }

  /** Row-major outputs of columns [from, to), one sample row at a time; b*_i compares u_i at consecutive columns. */
  private void writeRows(Targets out, int n, int numSites, int from, int to) {
    int[] tree = siteTree;
    int[] join = treeJoin;
    int[] target = treeTarget;
    int[] lo = treeLo;
    int[] hi = treeHi;
    float[] time = treeTime;
    for (int i = 0; i < n; i++) {
      int rowOut = i * numSites;
      int previous = lastJoin[i];
      for (int l = from; l < to; l++) {
        int at = tree[l] * n + i;
        int u = join[at];
        out.target[rowOut + l] = target[at];
        out.rankLo[rowOut + l] = lo[at];
        out.rankHi[rowOut + l] = hi[at];
        out.joinTime[rowOut + l] = time[at];
        if (u >= 0 && l > 0 && u != previous) {
          out.switchFlag[rowOut + l] = 1;
        }
        previous = u;
      }
      lastJoin[i] = previous;
    }
  }
}
