package dev.mainspring.data;

import dev.mainspring.sim.TreeSequence;
import java.util.Arrays;

/**
 * Builds an ARG by threading (MODEL.md, "Building the ARG"): per site, hard targets ĵ_i < i and
 * join times t̂_i > 0 (i = 1..n-1) give a binary tree over 2n-1 nodes; runs of sites with the same
 * parent/child pairs become tree-sequence edges.
 *
 * <p>Per site ({@link #parents}): leaves are 0..n-1 at time 0 and sample i's join node is
 * n-1+i at time t̂_i. For i = 1..n-1 in order, walk up from leaf ĵ_i while the parent is at or
 * below the new node, comparing (time, node id) pairs so ties are ordered, and splice the new node
 * onto that branch (or above the root), with leaf i as its other child. Leaf i's parent is not
 * always n-1+i: a later sample can splice onto leaf i's branch below it.
 *
 * <p>Across sites ({@link #addSite}, {@link #build}): sample i's join node stays the same
 * tree-sequence node while t̂_i is unchanged (bitwise) and no switch is flagged; otherwise a new
 * node starts. An edge (parent, child) runs over consecutive sites, spanning [mid(a-1,a),
 * mid(b,b+1)) for sites a..b (from 0 at the first site, to G at the last). Tied times are then
 * separated by the smallest steps that make every branch positive, nodes are numbered in time
 * order, and edges sorted as tskit requires. Given a site's derived-allele carriers, one mutation
 * (0 → 1) goes above each maximal subtree of carriers, so the genotypes are reproduced exactly.
 */
public final class ThreadingArgBuilder {
  private final int n;
  private final double length;
  private final int[] parent;
  private final double[] slotTime;
  private final int[] slotNode;        // tree-sequence node of each internal slot at the last site
  private final float[] slotLastTime;
  // Open edge per slot (child slot): tree-sequence child/parent and the site where it started.
  private final int[] openChild;
  private final int[] openParent;
  private final int[] openStart;
  private final boolean[] carrierClade;

  private double[] positions = new double[64];
  private int sites;
  // Tree-sequence nodes: time and slot (for ordering ties).
  private double[] nodeTime = new double[64];
  private int[] nodeSlot = new int[64];
  private int numNodes;
  // Closed edges: start site, end site (exclusive), child, parent.
  private int[] edgeStart = new int[64];
  private int[] edgeEnd = new int[64];
  private int[] edgeChild = new int[64];
  private int[] edgeParent = new int[64];
  private int numEdges;
  // Mutations: site, node.
  private int[] mutationSite = new int[64];
  private int[] mutationNode = new int[64];
  private int numMutations;

  public ThreadingArgBuilder(int n, double sequenceLength) {
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 samples, got " + n);
    }
    if (!(sequenceLength > 0) || !Double.isFinite(sequenceLength)) {
      throw new IllegalArgumentException("sequence length must be positive, got " + sequenceLength);
    }
    this.n = n;
    this.length = sequenceLength;
    int slots = 2 * n - 1;
    parent = new int[slots];
    slotTime = new double[slots];
    slotNode = new int[n];
    slotLastTime = new float[n];
    openChild = new int[slots];
    openParent = new int[slots];
    openStart = new int[slots];
    carrierClade = new boolean[slots];
    Arrays.fill(openChild, -1);
    for (int i = 0; i < n; i++) {
      nodeTime = grow(nodeTime, numNodes + 1);
      nodeSlot = grow(nodeSlot, numNodes + 1);
      nodeTime[numNodes] = 0;
      nodeSlot[numNodes] = i;
      numNodes++;
    }
  }

  /** The parent array of one site: {@code parents(targets, times, new int[2n-1])}. */
  public static int[] parents(int[] targets, float[] times) {
    int[] out = new int[2 * targets.length - 1];
    parents(targets, times, out);
    return out;
  }

  /**
   * Threads one site. {@code targets[i]} (ĵ_i, any j < i) and {@code times[i]} (t̂_i > 0) are read
   * for i = 1..n-1; index 0 is ignored. Writes the parent of every node 0..2n-2 into
   * {@code out} (-1 for the root).
   */
  public static void parents(int[] targets, float[] times, int[] out) {
    int n = targets.length;
    Arrays.fill(out, 0, 2 * n - 1, -1);
    for (int i = 1; i < n; i++) {
      int j = targets[i];
      float t = times[i];
      if (j < 0 || j >= i) {
        throw new IllegalArgumentException("target of sample " + i + " must be in [0, " + i + "), got " + j);
      }
      if (!(t > 0) || !Float.isFinite(t)) {
        throw new IllegalArgumentException("join time of sample " + i + " must be positive and finite, got " + t);
      }
      int w = n - 1 + i;
      int x = j;
      int p;
      // Climb while the parent is at or below the new node in (time, id) order.
      while ((p = out[x]) != -1 && (times[p - n + 1] < t || (times[p - n + 1] == t && p < w))) {
        x = p;
      }
      out[w] = out[x];
      out[x] = w;
      out[i] = w;
    }
  }

  /** Adds the next site; join nodes persist while their time is unchanged. */
  public void addSite(double position, int[] targets, float[] times) {
    addSite(position, targets, times, null, null);
  }

  /**
   * Adds the next site (positions strictly increasing in [0, G)).
   *
   * @param switches optional b̂: {@code switches[i] != 0} starts a new join node for sample i even
   *     if its time is unchanged (ignored at the first site)
   * @param derived optional 0/1 alleles of the n samples; mutations are placed to reproduce them
   */
  public void addSite(double position, int[] targets, float[] times, byte[] switches, byte[] derived) {
    if (targets.length != n || times.length != n) {
      throw new IllegalArgumentException("need " + n + " targets and times per site");
    }
    if (!(position >= 0 && position < length) || (sites > 0 && !(position > positions[sites - 1]))) {
      throw new IllegalArgumentException("site positions must increase strictly within [0, G), got " + position);
    }
    parents(targets, times, parent);
    int l = sites;
    positions = grow(positions, l + 1);
    positions[l] = position;
    sites++;
    for (int i = 1; i < n; i++) {
      boolean fresh = l == 0 || Float.floatToRawIntBits(times[i]) != Float.floatToRawIntBits(slotLastTime[i])
          || (switches != null && switches[i] != 0);
      if (fresh) {
        nodeTime = grow(nodeTime, numNodes + 1);
        nodeSlot = grow(nodeSlot, numNodes + 1);
        nodeTime[numNodes] = times[i];
        nodeSlot[numNodes] = n - 1 + i;
        slotNode[i] = numNodes++;
        slotLastTime[i] = times[i];
      }
    }
    for (int c = 0; c < 2 * n - 1; c++) {
      int p = parent[c];
      int tc = node(c);
      int tp = p == -1 ? -1 : node(p);
      if (openChild[c] != -1 && (openChild[c] != tc || openParent[c] != tp)) {
        close(c, l);
      }
      if (p != -1 && openChild[c] == -1) {
        openChild[c] = tc;
        openParent[c] = tp;
        openStart[c] = l;
      }
    }
    if (derived != null) {
      placeMutations(l, derived);
    }
  }

  private int node(int slot) {
    return slot < n ? slot : slotNode[slot - n + 1];
  }

  private void close(int slot, int endSite) {
    int e = numEdges++;
    edgeStart = grow(edgeStart, numEdges);
    edgeEnd = grow(edgeEnd, numEdges);
    edgeChild = grow(edgeChild, numEdges);
    edgeParent = grow(edgeParent, numEdges);
    edgeStart[e] = openStart[slot];
    edgeEnd[e] = endSite;
    edgeChild[e] = openChild[slot];
    edgeParent[e] = openParent[slot];
    openChild[slot] = -1;
  }

  /** One mutation above each maximal subtree whose samples all carry the derived allele. */
  private void placeMutations(int site, byte[] derived) {
    // Slots in an order with children before parents: leaves, then join nodes by (time, id).
    Arrays.fill(carrierClade, true);
    for (int i = 0; i < n; i++) {
      carrierClade[i] = derived[i] != 0;
    }
    for (int c = 0; c < 2 * n - 1; c++) {
      if (!carrierClade[c]) {
        for (int p = parent[c]; p != -1 && carrierClade[p]; p = parent[p]) {
          carrierClade[p] = false;
        }
      }
    }
    for (int c = 0; c < 2 * n - 1; c++) {
      int p = parent[c];
      if (carrierClade[c] && (p == -1 || !carrierClade[p])) {
        int m = numMutations++;
        mutationSite = grow(mutationSite, numMutations);
        mutationNode = grow(mutationNode, numMutations);
        mutationSite[m] = site;
        mutationNode[m] = node(c);
      }
    }
  }

  /** The tree sequence of all sites added so far (at least one). */
  public TreeSequence build() {
    if (sites == 0) {
      throw new IllegalStateException("no sites added");
    }
    int[] savedChild = openChild.clone();
    int[] savedParent = openParent.clone();
    int[] savedStart = openStart.clone();
    int edgesBefore = numEdges;
    for (int c = 0; c < 2 * n - 1; c++) {
      if (openChild[c] != -1) {
        close(c, sites);
      }
    }
    TreeSequence ts = assemble();
    // Leave the builder able to take more sites.
    System.arraycopy(savedChild, 0, openChild, 0, openChild.length);
    System.arraycopy(savedParent, 0, openParent, 0, openParent.length);
    System.arraycopy(savedStart, 0, openStart, 0, openStart.length);
    numEdges = edgesBefore;
    return ts;
  }

  private TreeSequence assemble() {
    // Order nodes by (time, slot): every edge goes from an earlier to a later node in this order.
    Integer[] order = new Integer[numNodes];
    for (int v = 0; v < numNodes; v++) {
      order[v] = v;
    }
    Arrays.sort(order, (a, b) -> nodeTime[a] != nodeTime[b] ? Double.compare(nodeTime[a], nodeTime[b])
        : nodeSlot[a] != nodeSlot[b] ? Integer.compare(nodeSlot[a], nodeSlot[b]) : Integer.compare(a, b));
    // Separate ties: a parent is at least one ulp above each of its children.
    int[] childStart = new int[numNodes + 1];
    for (int e = 0; e < numEdges; e++) {
      childStart[edgeParent[e] + 1]++;
    }
    for (int v = 0; v < numNodes; v++) {
      childStart[v + 1] += childStart[v];
    }
    int[] children = new int[numEdges];
    int[] fill = childStart.clone();
    for (int e = 0; e < numEdges; e++) {
      children[fill[edgeParent[e]]++] = edgeChild[e];
    }
    double[] adjusted = new double[numNodes];
    for (int v : order) {
      double t = nodeTime[v];
      for (int k = childStart[v]; k < childStart[v + 1]; k++) {
        double tc = adjusted[children[k]];
        if (!(t > tc)) {
          t = Math.nextUp(tc);
        }
      }
      adjusted[v] = t;
    }
    // Number nodes in order of adjusted time (samples first, they are at time 0).
    Integer[] byTime = order.clone();
    Arrays.sort(byTime, (a, b) -> adjusted[a] != adjusted[b] ? Double.compare(adjusted[a], adjusted[b])
        : Integer.compare(a, b));
    int[] newId = new int[numNodes];
    TreeSequence.Builder b = new TreeSequence.Builder(length);
    b.addPopulation("pop_0");
    for (Integer v : byTime) {
      boolean sample = v < n;
      newId[v] = b.addNode(sample ? TreeSequence.NODE_IS_SAMPLE : 0, adjusted[v], 0, -1);
    }
    Integer[] edges = new Integer[numEdges];
    for (int e = 0; e < numEdges; e++) {
      edges[e] = e;
    }
    Arrays.sort(edges, (x, y) -> newId[edgeParent[x]] != newId[edgeParent[y]]
        ? Integer.compare(newId[edgeParent[x]], newId[edgeParent[y]])
        : newId[edgeChild[x]] != newId[edgeChild[y]] ? Integer.compare(newId[edgeChild[x]], newId[edgeChild[y]])
        : Integer.compare(edgeStart[x], edgeStart[y]));
    for (int e : edges) {
      b.addEdge(boundary(edgeStart[e]), boundary(edgeEnd[e]), newId[edgeParent[e]], newId[edgeChild[e]]);
    }
    int m = 0;
    for (int s = 0; s < sites; s++) {
      b.addSite(positions[s], "0");
      int first = m;
      while (m < numMutations && mutationSite[m] == s) {
        m++;
      }
      // Disjoint clades, none above another: all parents are -1; tskit wants older ones first.
      Integer[] at = new Integer[m - first];
      for (int k = 0; k < at.length; k++) {
        at[k] = first + k;
      }
      Arrays.sort(at, (x, y) -> Double.compare(adjusted[mutationNode[y]], adjusted[mutationNode[x]]));
      for (int k : at) {
        b.addMutation(s, newId[mutationNode[k]], adjusted[mutationNode[k]], "1", -1);
      }
    }
    return b.build();
  }

  /** Left end of the interval of site l: 0 for the first, mid-points between, G after the last. */
  private double boundary(int l) {
    if (l == 0) {
      return 0;
    }
    if (l >= sites) {
      return length;
    }
    return (positions[l - 1] + positions[l]) / 2;
  }

  /**
   * The tree sequence threaded from per-site model outputs in MODEL.md's layout: targets and
   * times [i*S + l] (row 0 ignored), optional switches [i*S + l] and 0/1 genotypes [i*S + l].
   */
  public static TreeSequence build(int n, double sequenceLength, double[] positions, int[] targets, float[] times,
      byte[] switches, byte[] genotypes) {
    int s = positions.length;
    ThreadingArgBuilder builder = new ThreadingArgBuilder(n, sequenceLength);
    int[] tg = new int[n];
    float[] tm = new float[n];
    byte[] sw = switches == null ? null : new byte[n];
    byte[] g = genotypes == null ? null : new byte[n];
    for (int l = 0; l < s; l++) {
      for (int i = 0; i < n; i++) {
        tg[i] = targets[i * s + l];
        tm[i] = times[i * s + l];
        if (sw != null) {
          sw[i] = switches[i * s + l];
        }
        if (g != null) {
          g[i] = genotypes[i * s + l];
        }
      }
      builder.addSite(positions[l], tg, tm, sw, g);
    }
    return builder.build();
  }

  private static double[] grow(double[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, 2 * a.length));
  }

  private static int[] grow(int[] a, int need) {
    return need <= a.length ? a : Arrays.copyOf(a, Math.max(need, 2 * a.length));
  }
}
