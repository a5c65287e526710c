package dev.mainspring.infer;

import dev.mainspring.sim.TreeSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joins the tree sequences threaded for each window (each on its own [0, window length), samples
 * as nodes 0..n-1) into one tree sequence of the chromosome. Samples are shared: they become nodes
 * 0..n-1 of the result, grouped into the data's individuals; every other node is the window's own.
 * Edges and sites move right by the window's start, and an edge touching a window's end gets the
 * window's exact boundary, so consecutive windows meet without gaps or overlaps. Stretches of the
 * chromosome in no window (windows without sites) have no edges: there every sample is a root.
 * Sites take the data's REF allele as ancestral state and ALT as derived state.
 */
public final class ArgConcatenator {
  private ArgConcatenator() {}

  /** One window's result: the window and its tree sequence on [0, window length). */
  public record Piece(Window window, TreeSequence trees) {}

  public static TreeSequence concatenate(Haplotypes h, List<Piece> pieces) {
    int n = h.genomes();
    TreeSequence.Builder b = new TreeSequence.Builder(h.sequenceLength());
    b.addPopulation("pop_0");
    int[] individualOf = new int[n];
    int genome = 0;
    for (int k = 0; k < h.individuals().length; k++) {
      int ind = b.addIndividual(0, new double[0], new int[0]);
      for (int c = 0; c < h.ploidy()[k]; c++) {
        individualOf[genome++] = ind;
      }
    }
    for (int i = 0; i < n; i++) {
      b.addNode(TreeSequence.NODE_IS_SAMPLE, 0, 0, individualOf[i]);
    }
    List<double[]> edges = new ArrayList<>(); // left, right, parent, child, parent time
    List<Integer> mutationSite = new ArrayList<>();
    List<Integer> mutationNode = new ArrayList<>();
    List<Double> mutationTime = new ArrayList<>();
    double[] nodeTime = new double[1024];
    int numNodes = n;
    Window previous = null;
    for (Piece piece : pieces) {
      Window w = piece.window();
      TreeSequence ts = piece.trees();
      if (previous != null && !(w.start() >= previous.end())) {
        throw new IllegalArgumentException("windows overlap or are out of order: " + previous + " then " + w);
      }
      previous = w;
      requireSamplesFirst(ts, n, w);
      if (ts.numSites() != w.sites()) {
        throw new IllegalArgumentException("window " + w.index() + " has " + w.sites() + " sites but its trees "
            + ts.numSites());
      }
      int[] map = new int[ts.numNodes()];
      for (int u = 0; u < ts.numNodes(); u++) {
        if (u < n) {
          map[u] = u;
        } else {
          map[u] = b.addNode(0, ts.nodeTime[u], 0, -1);
          if (map[u] >= nodeTime.length) {
            nodeTime = Arrays.copyOf(nodeTime, 2 * map[u] + 1);
          }
          nodeTime[map[u]] = ts.nodeTime[u];
          numNodes = map[u] + 1;
        }
      }
      for (int e = 0; e < ts.numEdges(); e++) {
        double left = ts.edgeLeft[e] == 0 ? w.start() : w.start() + ts.edgeLeft[e];
        double right = ts.edgeRight[e] == ts.sequenceLength ? w.end() : w.start() + ts.edgeRight[e];
        int parent = map[ts.edgeParent[e]];
        edges.add(new double[] {left, right, parent, map[ts.edgeChild[e]], ts.nodeTime[ts.edgeParent[e]]});
      }
      for (int m = 0; m < ts.numMutations(); m++) {
        mutationSite.add(w.first() + ts.mutationSite[m]);
        mutationNode.add(map[ts.mutationNode[m]]);
        mutationTime.add(ts.mutationTime[m]);
      }
    }
    // tskit's order: parent time, parent id, child id, left.
    edges.sort((x, y) -> x[4] != y[4] ? Double.compare(x[4], y[4]) : x[2] != y[2] ? Double.compare(x[2], y[2])
        : x[3] != y[3] ? Double.compare(x[3], y[3]) : Double.compare(x[0], y[0]));
    for (double[] e : edges) {
      b.addEdge(e[0], e[1], (int) e[2], (int) e[3]);
    }
    int m = 0;
    for (int s = 0; s < h.sites(); s++) {
      b.addSite(h.positions()[s], h.ref()[s]);
      while (m < mutationSite.size() && mutationSite.get(m) == s) {
        b.addMutation(s, mutationNode.get(m), mutationTime.get(m), h.alt()[s], -1);
        m++;
      }
    }
    if (m != mutationSite.size()) {
      throw new IllegalStateException("mutations out of site order");
    }
    return b.build();
  }

  private static void requireSamplesFirst(TreeSequence ts, int n, Window w) {
    if (ts.numSamples() != n) {
      throw new IllegalArgumentException("window " + w.index() + " has " + ts.numSamples() + " samples, expected " + n);
    }
    for (int u = 0; u < n; u++) {
      if ((ts.nodeFlags[u] & TreeSequence.NODE_IS_SAMPLE) == 0 || ts.nodeTime[u] != 0) {
        throw new IllegalArgumentException("window " + w.index() + ": node " + u + " is not a sample at time 0");
      }
    }
  }
}
