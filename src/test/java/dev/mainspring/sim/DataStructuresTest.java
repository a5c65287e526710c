package dev.mainspring.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The simulator's data structures against plain reference implementations on random operations. */
class DataStructuresTest {

  @Test
  void fenwickTreeMatchesNaiveSumsAndSearch() {
    Random r = new Random(1);
    FenwickTree f = new FenwickTree();
    int n = 3000; // forces growth past the initial logical size
    f.grow(n);
    double[] v = new double[n];
    for (int step = 0; step < 100_000; step++) {
      int i = r.nextInt(n);
      v[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble();
      f.set(i, v[i]);
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += v[i];
      assertEquals(total, f.prefix(i), 1e-9);
    }
    assertEquals(total, f.total(), 1e-9);
    for (int k = 0; k < 1000; k++) {
      double h = r.nextDouble() * total;
      int i = f.find(h);
      double before = i == 0 ? 0 : f.prefix(i - 1);
      assertTrue(v[i] > 0, "find never lands on a zero value");
      assertTrue(before <= h + 1e-9 && h < before + v[i] + 1e-9, "h inside the found element's range");
      assertEquals(h - before, f.remainder(), 1e-9);
    }
  }

  @Test
  void overlapCountsBehaveLikeASortedMap() {
    Random r = new Random(2);
    OverlapCounts oc = new OverlapCounts(16);
    double length = 1000;
    oc.reset(length, 7);
    TreeMap<Double, Integer> ref = new TreeMap<>(Map.of(0.0, 7, length, -1));
    for (int step = 0; step < 20_000; step++) {
      double x = Math.floor(r.nextDouble() * length * 4) / 4;
      int op = r.nextInt(3);
      if (op == 0) {
        int v = oc.split(x);
        ref.putIfAbsent(x, ref.floorEntry(x).getValue());
        assertEquals(x, oc.key(v));
      } else if (op == 1) {
        int v = oc.floor(x);
        if (oc.key(v) != length) {
          int c = r.nextInt(5);
          oc.setCount(v, c);
          ref.put(oc.key(v), c);
        }
      } else {
        int v = oc.floor(x);
        boolean removed = oc.compact(v);
        double key = ref.floorKey(x);
        boolean shouldRemove = key != 0 && key != length && ref.lowerEntry(key).getValue().equals(ref.get(key));
        assertEquals(shouldRemove, removed);
        if (removed) {
          ref.remove(key);
        }
      }
      if (step % 97 == 0) {
        assertEquals(ref.size(), oc.size());
        int v = oc.first();
        for (Map.Entry<Double, Integer> e : ref.entrySet()) {
          assertEquals(e.getKey(), oc.key(v));
          assertEquals(e.getValue(), oc.count(v));
          assertEquals(v, oc.floor(e.getKey()));
          v = oc.next(v);
        }
        assertEquals(OverlapCounts.NIL, v);
      }
    }
  }

  @Test
  void rateMapMassAndInverse() {
    RateMap m = new RateMap(new double[] {0, 10, 12, 30, 100}, new double[] {1, 0, 5, 0.5});
    assertEquals(10 + 0 + 90 + 35, m.totalMass(), 1e-12);
    assertEquals(m.totalMass() / 100, m.meanRate(), 1e-12);
    assertEquals(5 * 15 + 0.5 * 5, m.mass(15, 35), 1e-12);
    Random r = new Random(3);
    for (int k = 0; k < 1000; k++) {
      double a = r.nextDouble() * 100;
      double b = a + r.nextDouble() * (100 - a);
      double f = r.nextDouble();
      double x = m.positionAt(a, b, f);
      assertTrue(x >= a && x <= b);
      assertEquals(f * m.mass(a, b), m.mass(a, x), 1e-9);
    }
    RateMap u = RateMap.uniform(50, 2);
    assertEquals(20, u.mass(10, 20), 0);
    assertEquals(15, u.positionAt(10, 20, 0.5), 0);
  }

  @Test
  void indexSortIsStable() {
    Random r = new Random(4);
    int n = 1000;
    NativeDoubles key = new NativeDoubles(n);
    NativeInts idx = new NativeInts(n);
    for (int i = 0; i < n; i++) {
      key.set(i, r.nextInt(4) == 0 ? r.nextInt(50) : r.nextInt(50) * (1 + 1e-12 * r.nextInt(3)));
      idx.set(i, i);
    }
    new IndexSort().sort(idx, n, key);
    for (int i = 1; i < n; i++) {
      int a = idx.get(i - 1);
      int b = idx.get(i);
      assertTrue(key.get(a) < key.get(b) || (key.get(a) == key.get(b) && a < b));
    }
  }

  @Test
  void treeIteratorEdgeDiffsRebuildEveryTree() {
    AncestryTables t = new HudsonSimulator().simulate(new int[] {12}, Demography.constant(1e4),
        RateMap.uniform(1e5, 1e-8), Seeds.rng(8));
    TreeIterator it = new TreeIterator();
    it.reset(t);
    int[] parent = new int[t.numNodes()];
    java.util.Arrays.fill(parent, -1);
    int trees = 0;
    double lastRight = 0;
    while (it.next()) {
      assertEquals(lastRight, it.left());
      assertTrue(it.right() > it.left());
      for (int k = 0; k < it.numEdgesOut(); k++) {
        int e = it.edgeOut(k);
        assertEquals(it.left(), t.edgeRight(e));
        parent[t.edgeChild(e)] = -1;
      }
      for (int k = 0; k < it.numEdgesIn(); k++) {
        int e = it.edgeIn(k);
        assertEquals(it.left(), t.edgeLeft(e));
        parent[t.edgeChild(e)] = t.edgeParent(e);
      }
      for (int u = 0; u < t.numNodes(); u++) {
        assertEquals(parent[u], it.parent(u));
      }
      // The brute-force tree at this interval: the edges covering its left end.
      int[] expected = new int[t.numNodes()];
      java.util.Arrays.fill(expected, -1);
      for (int e = 0; e < t.numEdges(); e++) {
        if (t.edgeLeft(e) <= it.left() && it.left() < t.edgeRight(e)) {
          expected[t.edgeChild(e)] = t.edgeParent(e);
        }
      }
      assertArrayEquals(expected, parent);
      lastRight = it.right();
      trees++;
    }
    assertEquals(1e5, lastRight);
    assertTrue(trees > 5);
  }

  @Test
  void demographyHazardAndGrid() {
    Demography d = Demography.epochs(new double[] {0, 100, 1000}, new double[] {50, 10, 1e4});
    assertEquals(100 / 100.0 + 900 / 20.0 + 1000 / 2e4, d.pairHazard(2000), 1e-12);
    assertEquals(10, d.sizeAt(100));
    assertEquals(50, d.sizeAt(99.9));
    float[] y = d.logNeGrid();
    assertEquals(32, y.length);
    assertEquals((float) Math.log10(50), y[0]); // t_0 = 10
    assertEquals(4f, y[31]);                    // t_31 = 10^6
    assertEquals(1e6, Demography.gridTime(31), 1e-6);
  }
}
