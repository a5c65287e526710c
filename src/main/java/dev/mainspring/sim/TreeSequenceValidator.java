package dev.mainspring.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks tables against tskit's requirements for a tree sequence (the checks tskit's
 * {@code TreeSequence} constructor makes), plus one of ours: every local tree has a single root
 * above all samples. {@link #check} returns the violations found (empty when valid).
 */
public final class TreeSequenceValidator {
  private TreeSequenceValidator() {}

  public static void requireValid(TreeSequence ts) {
    List<String> v = check(ts);
    if (!v.isEmpty()) {
      throw new IllegalStateException("invalid tree sequence: " + String.join("; ", v));
    }
  }

  public static List<String> check(TreeSequence ts) {
    List<String> bad = new ArrayList<>();
    double length = ts.sequenceLength;
    if (!(length > 0) || !Double.isFinite(length)) {
      bad.add("sequence length must be positive and finite: " + length);
      return bad;
    }
    int nodes = ts.numNodes();
    int pops = ts.numPopulations();
    int inds = ts.numIndividuals();
    for (int u = 0; u < nodes; u++) {
      if (!Double.isFinite(ts.nodeTime[u])) {
        bad.add("node " + u + " has non-finite time");
      }
      if (ts.nodePopulation[u] < -1 || ts.nodePopulation[u] >= pops) {
        bad.add("node " + u + " has population out of range");
      }
      if (ts.nodeIndividual[u] < -1 || ts.nodeIndividual[u] >= inds) {
        bad.add("node " + u + " has individual out of range");
      }
    }
    checkOffsets(bad, "sites/ancestral_state", ts.ancestralStateOffset, ts.numSites(), ts.ancestralState.length);
    checkOffsets(bad, "mutations/derived_state", ts.derivedStateOffset, ts.numMutations(), ts.derivedState.length);
    checkOffsets(bad, "populations/metadata", ts.populationMetadataOffset, pops, ts.populationMetadata.length);
    if (!bad.isEmpty()) {
      return bad;
    }
    checkEdges(ts, bad);
    if (!bad.isEmpty()) {
      return bad;
    }
    checkSitesAndMutations(ts, bad);
    if (!bad.isEmpty()) {
      return bad;
    }
    checkTrees(ts, bad);
    return bad;
  }

  private static void checkOffsets(List<String> bad, String what, int[] off, int rows, int len) {
    if (off.length != rows + 1 || off[0] != 0 || off[rows] != len) {
      bad.add(what + " offsets do not match the column");
      return;
    }
    for (int i = 0; i < rows; i++) {
      if (off[i + 1] < off[i]) {
        bad.add(what + " offsets decrease at row " + i);
        return;
      }
    }
  }

  private static void checkEdges(TreeSequence ts, List<String> bad) {
    int nodes = ts.numNodes();
    double length = ts.sequenceLength;
    boolean[] seenParent = new boolean[nodes];
    for (int e = 0; e < ts.numEdges(); e++) {
      double l = ts.edgeLeft[e];
      double r = ts.edgeRight[e];
      int p = ts.edgeParent[e];
      int c = ts.edgeChild[e];
      if (!(l >= 0 && l < r && r <= length)) {
        bad.add("edge " + e + " interval [" + l + ", " + r + ") is not inside [0, L) with left < right");
        return;
      }
      if (p < 0 || p >= nodes || c < 0 || c >= nodes) {
        bad.add("edge " + e + " refers to a node out of range");
        return;
      }
      if (!(ts.nodeTime[p] > ts.nodeTime[c])) {
        bad.add("edge " + e + ": parent " + p + " is not older than child " + c);
        return;
      }
      if (e > 0) {
        int pp = ts.edgeParent[e - 1];
        if (ts.nodeTime[p] < ts.nodeTime[pp]) {
          bad.add("edges not sorted by parent time at edge " + e);
          return;
        }
        if (p != pp && seenParent[p]) {
          bad.add("edges of parent " + p + " are not contiguous (edge " + e + ")");
          return;
        }
        if (p == pp) {
          int pc = ts.edgeChild[e - 1];
          if (c < pc) {
            bad.add("edges not sorted by child at edge " + e);
            return;
          }
          if (c == pc && l < ts.edgeLeft[e - 1]) {
            bad.add("edges not sorted by left at edge " + e);
            return;
          }
        }
      }
      seenParent[p] = true;
    }
    // A child may have only one parent at any position.
    Integer[] byChild = new Integer[ts.numEdges()];
    for (int e = 0; e < byChild.length; e++) {
      byChild[e] = e;
    }
    Arrays.sort(byChild, (a, b) -> ts.edgeChild[a] != ts.edgeChild[b]
        ? Integer.compare(ts.edgeChild[a], ts.edgeChild[b]) : Double.compare(ts.edgeLeft[a], ts.edgeLeft[b]));
    for (int k = 1; k < byChild.length; k++) {
      int a = byChild[k - 1];
      int b = byChild[k];
      if (ts.edgeChild[a] == ts.edgeChild[b] && ts.edgeRight[a] > ts.edgeLeft[b]) {
        bad.add("child " + ts.edgeChild[b] + " has overlapping edges " + a + " and " + b);
        return;
      }
    }
  }

  private static void checkSitesAndMutations(TreeSequence ts, List<String> bad) {
    for (int s = 0; s < ts.numSites(); s++) {
      double x = ts.sitePosition[s];
      if (!(x >= 0 && x < ts.sequenceLength)) {
        bad.add("site " + s + " position " + x + " outside [0, L)");
        return;
      }
      if (s > 0 && !(x > ts.sitePosition[s - 1])) {
        bad.add("site positions not strictly increasing at site " + s);
        return;
      }
    }
    for (int m = 0; m < ts.numMutations(); m++) {
      int site = ts.mutationSite[m];
      int node = ts.mutationNode[m];
      int parent = ts.mutationParent[m];
      if (site < 0 || site >= ts.numSites() || node < 0 || node >= ts.numNodes()) {
        bad.add("mutation " + m + " refers to a site or node out of range");
        return;
      }
      if (m > 0 && site < ts.mutationSite[m - 1]) {
        bad.add("mutations not sorted by site at mutation " + m);
        return;
      }
      if (parent != -1 && (parent < 0 || parent >= m || ts.mutationSite[parent] != site)) {
        bad.add("mutation " + m + " has an invalid parent " + parent);
        return;
      }
      double t = ts.mutationTime[m];
      if (!Double.isNaN(t)) {
        if (t < ts.nodeTime[node]) {
          bad.add("mutation " + m + " is younger than its node");
          return;
        }
        if (m > 0 && ts.mutationSite[m - 1] == site && !Double.isNaN(ts.mutationTime[m - 1])
            && ts.mutationTime[m - 1] < t) {
          bad.add("mutations at site " + site + " not ordered oldest first");
          return;
        }
      }
    }
  }

  /** Every tree: one root above all samples; every mutation strictly below its node's parent. */
  private static void checkTrees(TreeSequence ts, List<String> bad) {
    int[] samples = ts.samples();
    if (samples.length == 0) {
      bad.add("no samples");
      return;
    }
    TreeIterator it = ts.trees();
    int m = 0;
    int site = 0;
    while (it.next()) {
      int root = it.root(samples[0]);
      for (int s : samples) {
        if (it.root(s) != root) {
          bad.add("tree " + it.index() + " [" + it.left() + ", " + it.right() + ") has samples under different roots");
          return;
        }
      }
      while (site < ts.numSites() && ts.sitePosition[site] < it.right()) {
        while (m < ts.numMutations() && ts.mutationSite[m] == site) {
          int p = it.parent(ts.mutationNode[m]);
          double t = ts.mutationTime[m];
          if (p != -1 && !Double.isNaN(t) && !(t < ts.nodeTime[p])) {
            bad.add("mutation " + m + " is not younger than the parent of its node");
            return;
          }
          m++;
        }
        site++;
      }
    }
    if (it.right() != ts.sequenceLength) {
      bad.add("trees do not cover the sequence");
    }
  }
}
