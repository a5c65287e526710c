package dev.mainspring.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.TreeIterator;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The threading ARG builder against a literal walk, the true trees, and tskit's rules. */
class ThreadingArgBuilderTest {

  /**
   * MODEL.md's per-site procedure written as literally as possible, with node objects: create the
   * node, walk up from leaf ĵ_i while the parent's (time, id) is not above the new node's, splice.
   */
  private static int[] literalWalk(int[] targets, float[] times) {
    int n = targets.length;
    final class Node {
      final int id;
      final double time;
      Node parent;

      Node(int id, double time) {
        this.id = id;
        this.time = time;
      }

      boolean atOrBelow(Node other) {
        return time < other.time || (time == other.time && id < other.id);
      }
    }
    List<Node> nodes = new ArrayList<>();
    for (int v = 0; v < 2 * n - 1; v++) {
      nodes.add(new Node(v, v < n ? 0 : times[v - n + 1]));
    }
    for (int i = 1; i < n; i++) {
      Node created = nodes.get(n - 1 + i);
      Node branch = nodes.get(targets[i]);
      while (branch.parent != null && branch.parent.atOrBelow(created)) {
        branch = branch.parent;
      }
      created.parent = branch.parent;
      branch.parent = created;
      nodes.get(i).parent = created;
    }
    int[] parent = new int[2 * n - 1];
    for (Node v : nodes) {
      parent[v.id] = v.parent == null ? -1 : v.parent.id;
    }
    return parent;
  }

  private static float[] randomTimes(Random r, int n, boolean ties) {
    float[] t = new float[n];
    for (int i = 1; i < n; i++) {
      t[i] = ties ? 1 + r.nextInt(4) : (float) (1 + 1000 * r.nextDouble());
    }
    return t;
  }

  private static int[] randomTargets(Random r, int n) {
    int[] j = new int[n];
    for (int i = 1; i < n; i++) {
      j[i] = r.nextInt(i);
    }
    return j;
  }

  @Test
  void parentsMatchTheLiteralWalk() {
    Random r = new Random(1);
    int notOwnJoinNode = 0;
    for (int trial = 0; trial < 3000; trial++) {
      int n = 2 + r.nextInt(15);
      int[] targets = randomTargets(r, n);
      float[] times = randomTimes(r, n, trial % 2 == 0);
      int[] fast = ThreadingArgBuilder.parents(targets, times);
      assertArrayEquals(literalWalk(targets, times), fast, "trial " + trial);
      for (int i = 1; i < n; i++) {
        if (fast[i] != n - 1 + i) {
          notOwnJoinNode++;
        }
      }
    }
    assertTrue(notOwnJoinNode > 100, "a later sample often splices in below leaf i's join node");
  }

  @Test
  void rejectsInvalidTargetsAndTimes() {
    assertThrows(IllegalArgumentException.class,
        () -> ThreadingArgBuilder.parents(new int[] {-1, 1}, new float[] {0, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> ThreadingArgBuilder.parents(new int[] {-1, 0}, new float[] {0, 0}));
    assertThrows(IllegalArgumentException.class,
        () -> ThreadingArgBuilder.parents(new int[] {-1, 0}, new float[] {0, Float.NaN}));
  }

  /** Clades (leaf sets) of a parent array over 2n-1 nodes, with their node times. */
  private static Map<BitSet, Float> clades(int[] parent, int n, float[] times) {
    Map<BitSet, Float> out = new HashMap<>();
    for (int leaf = 0; leaf < n; leaf++) {
      for (int v = parent[leaf]; v != -1; v = parent[v]) {
        out.computeIfAbsent(leafSet(parent, n, v), k -> 0f);
        out.put(leafSet(parent, n, v), times[v - n + 1]);
      }
    }
    return out;
  }

  private static BitSet leafSet(int[] parent, int n, int v) {
    BitSet b = new BitSet();
    for (int leaf = 0; leaf < n; leaf++) {
      for (int u = leaf; u != -1; u = parent[u]) {
        if (u == v) {
          b.set(leaf);
          break;
        }
      }
    }
    return b;
  }

  /** Clades of the current tree of a tree sequence, with node times as floats. */
  private static Map<BitSet, Float> clades(TreeIterator it, TreeSequence ts, int n) {
    Map<BitSet, Float> out = new HashMap<>();
    Map<Integer, BitSet> below = new HashMap<>();
    for (int leaf = 0; leaf < n; leaf++) {
      for (int v = it.parent(leaf); v != -1; v = it.parent(v)) {
        below.computeIfAbsent(v, k -> new BitSet()).set(leaf);
      }
    }
    below.forEach((v, set) -> out.put(set, (float) ts.nodeTime[v]));
    return out;
  }

  @Test
  void trueTargetsAndJoinTimesRebuildEveryTrueTree() {
    ExampleSimulator sim = new ExampleSimulator(
        ExampleSimulator.Config.prior(10, 5e4, 1.25e-8, 1e-8, CurriculumPhase.PHASE3).withTables(true, 1));
    int sitesChecked = 0;
    for (int k = 0; k < 20; k++) {
      TrainingExample ex = sim.simulate(21, k);
      if (ex.S == 0) {
        continue; // nothing to thread
      }
      int n = ex.n;
      int[] targets = new int[n];
      float[] times = new float[n];
      TreeSequence built = ThreadingArgBuilder.build(n, ex.sequenceLength, ex.positions, ex.target, ex.joinTime,
          ex.switchFlag, ex.genotypes);
      assertEquals(List.of(), TreeSequenceValidator.check(built));
      TreeIterator truth = ex.tables.trees();
      TreeIterator rebuilt = built.trees();
      truth.next();
      rebuilt.next();
      for (int l = 0; l < ex.S; l++) {
        for (int i = 0; i < n; i++) {
          targets[i] = ex.target[i * ex.S + l];
          times[i] = ex.joinTime[i * ex.S + l];
        }
        double x = ex.positions[l];
        while (x >= truth.right()) {
          truth.next();
        }
        while (x >= rebuilt.right()) {
          rebuilt.next();
        }
        Map<BitSet, Float> expected = clades(truth, ex.tables, n);
        assertEquals(expected, clades(ThreadingArgBuilder.parents(targets, times), n, times), "site " + l);
        assertEquals(expected, clades(rebuilt, built, n), "built tree sequence at site " + l);
        sitesChecked++;
      }
      int[][] g = Genotypes.matrix(built);
      for (int i = 0; i < n; i++) {
        for (int l = 0; l < ex.S; l++) {
          assertEquals(ex.genotype(i, l), g[i][l]);
        }
      }
      // With the true switches, a join node is a new tree-sequence node exactly when u_i changes.
      int switches = 0;
      for (byte b : ex.switchFlag) {
        switches += b;
      }
      assertEquals(n + (n - 1) + switches, built.numNodes());
    }
    assertTrue(sitesChecked > 100, "sites checked: " + sitesChecked);
  }

  @Test
  void randomTargetsAndTimesAlwaysGiveAValidTreeSequence() {
    Random r = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + r.nextInt(12);
      int sites = 1 + r.nextInt(30);
      double length = 1000;
      double[] positions = new double[sites];
      for (int l = 0; l < sites; l++) {
        positions[l] = (l + r.nextDouble()) * length / sites;
      }
      int[] targets = new int[n * sites];
      float[] times = new float[n * sites];
      byte[] switches = new byte[n * sites];
      byte[] genotypes = new byte[n * sites];
      float[] last = randomTimes(r, n, true);
      int[] lastTargets = randomTargets(r, n);
      for (int l = 0; l < sites; l++) {
        // Keep many times and targets across sites (long edges), change some, with many ties.
        float[] t = randomTimes(r, n, trial % 3 != 0);
        int[] j = randomTargets(r, n);
        for (int i = 0; i < n; i++) {
          if (r.nextInt(3) == 0) {
            last[i] = t[i];
          }
          if (r.nextInt(3) == 0) {
            lastTargets[i] = j[i];
          }
          times[i * sites + l] = i == 0 ? 0 : last[i];
          targets[i * sites + l] = i == 0 ? -1 : lastTargets[i];
          switches[i * sites + l] = (byte) (r.nextInt(5) == 0 ? 1 : 0);
          genotypes[i * sites + l] = (byte) r.nextInt(2);
        }
      }
      TreeSequence ts = ThreadingArgBuilder.build(n, length, positions, targets, times, trial % 2 == 0 ? switches : null,
          genotypes);
      assertEquals(List.of(), TreeSequenceValidator.check(ts), "trial " + trial);
      int[][] g = Genotypes.matrix(ts);
      for (int i = 0; i < n; i++) {
        for (int l = 0; l < sites; l++) {
          assertEquals(genotypes[i * sites + l], g[i][l], "genotype reproduced");
        }
      }
      assertEquals(sites, ts.numSites());
    }
  }
}
