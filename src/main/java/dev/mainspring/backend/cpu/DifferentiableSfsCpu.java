package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU reference for {@link DifferentiableSfs}. Each site's leaf counts come from one bottom-up
 * pass in Kahn order (a node is finished once all its children are), which needs no sorting by
 * time and detects cycles and stray roots on the way: O(n) per site. Sites are processed in fixed
 * chunks whose partial spectra are added in chunk order, so results do not depend on threading.
 */
final class DifferentiableSfsCpu implements DifferentiableSfs.Kernels {
  private static final long GRAIN_NODES = 1 << 13;

  /** Per-thread scratch for one site's tree. */
  private static final class Tree {
    final int[] parent;
    final int[] pending; // children not yet finished
    final int[] stack;
    final int[] leaves; // leaves under each node
    final double[] time;

    Tree(int nodes) {
      parent = new int[nodes];
      pending = new int[nodes];
      stack = new int[nodes];
      leaves = new int[nodes];
      time = new double[nodes];
    }
  }

  @Override
  public void forward(Tensor parents, Tensor times, Tensor span, Tensor mu, int n, Tensor desc,
      Tensor sfs) {
    int batch = times.dim(0);
    int sites = times.dim(2);
    int nodes = 2 * n - 1;
    MemorySegment par = CpuBuf.of(parents).seg();
    MemorySegment dsc = CpuBuf.of(desc).seg();
    CpuBuf t = CpuBuf.of(times);
    CpuBuf sp = CpuBuf.of(span);
    CpuBuf m = CpuBuf.of(mu);
    long total = (long) batch * sites;
    long grain = Math.max(1, GRAIN_NODES / nodes);
    int chunks = (int) Parallel.chunks(total, grain);
    double[][] partial = new double[chunks][batch * (n - 1)];
    Parallel.chunked(total, grain, (c, s0, s1) -> {
      Tree tree = new Tree(nodes);
      double[] acc = partial[c];
      for (long q = s0; q < s1; q++) {
        int b = (int) (q / sites);
        int l = (int) (q % sites);
        long row = q * nodes;
        double w = sp.get(q);
        if (w == 0.0) {
          dsc.asSlice(row * 4, nodes * 4L).fill((byte) 0);
          continue;
        }
        MemorySegment.copy(par, ValueLayout.JAVA_INT, row * 4, tree.parent, 0, nodes);
        countLeaves(tree, n, b, l);
        MemorySegment.copy(tree.leaves, 0, dsc, ValueLayout.JAVA_INT, row * 4, nodes);
        for (int i = 1; i < n; i++) {
          tree.time[n - 1 + i] = t.get(((long) b * n + i) * sites + l);
        }
        double scale = m.get(b) * w;
        int base = b * (n - 1);
        for (int v = 0; v < nodes; v++) {
          int p = tree.parent[v];
          int k = tree.leaves[v];
          if (p >= 0 && k >= 1 && k < n) {
            acc[base + k - 1] += scale * (tree.time[p] - tree.time[v]);
          }
        }
      }
    });
    CpuBuf out = CpuBuf.of(sfs);
    for (int j = 0; j < batch * (n - 1); j++) {
      double s = 0;
      for (double[] p : partial) {
        s += p[j];
      }
      out.set(j, s);
    }
  }

  /** Fills tree.leaves from tree.parent, or throws describing what makes it not a tree. */
  static void countLeaves(Tree tree, int n, int b, int l) {
    int nodes = tree.parent.length;
    int[] parent = tree.parent;
    int[] pending = tree.pending;
    java.util.Arrays.fill(pending, 0);
    int roots = 0;
    for (int v = 0; v < nodes; v++) {
      int p = parent[v];
      if (p == -1) {
        roots++;
      } else if (p < 0 || p >= nodes) {
        throw notATree(b, l, "node " + v + " has parent " + p + ", outside [-1, " + nodes + ")");
      } else {
        pending[p]++;
      }
    }
    if (roots != 1) {
      throw notATree(b, l, roots + " roots (nodes with parent -1); a tree has exactly one");
    }
    int top = 0;
    for (int v = 0; v < nodes; v++) {
      if (v < n && pending[v] != 0) {
        throw notATree(b, l, "leaf " + v + " has " + pending[v] + " child(ren)");
      }
      tree.leaves[v] = v < n ? 1 : 0;
      if (pending[v] == 0) {
        tree.stack[top++] = v;
      }
    }
    int done = 0;
    while (top > 0) {
      int v = tree.stack[--top];
      done++;
      int p = parent[v];
      if (p >= 0) {
        tree.leaves[p] += tree.leaves[v];
        if (--pending[p] == 0) {
          tree.stack[top++] = p;
        }
      }
    }
    if (done != nodes) {
      throw notATree(b, l, (nodes - done) + " node(s) lie on a cycle of parent links");
    }
  }

  private static IllegalArgumentException notATree(int b, int l, String why) {
    return new IllegalArgumentException("sfs: parents[" + b + ", " + l + "] is not a tree: " + why);
  }

  @Override
  public void backward(Tensor parents, Tensor desc, Tensor span, Tensor mu, Tensor g, int n,
      Tensor gTimes) {
    int batch = gTimes.dim(0);
    int sites = gTimes.dim(2);
    int nodes = 2 * n - 1;
    MemorySegment par = CpuBuf.of(parents).seg();
    MemorySegment dsc = CpuBuf.of(desc).seg();
    CpuBuf sp = CpuBuf.of(span);
    CpuBuf m = CpuBuf.of(mu);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf gt = CpuBuf.of(gTimes);
    long total = (long) batch * sites;
    Parallel.range(total, Math.max(1, GRAIN_NODES / nodes), (s0, s1) -> {
      int[] parent = new int[nodes];
      int[] leaves = new int[nodes];
      double[] gk = new double[n + 1]; // g by leaf count, 0 for counts 0 and n
      double[] acc = new double[nodes];
      int lastB = -1;
      for (long q = s0; q < s1; q++) {
        int b = (int) (q / sites);
        int l = (int) (q % sites);
        double w = sp.get(q);
        if (w == 0.0) {
          continue;
        }
        if (b != lastB) {
          for (int k = 1; k < n; k++) {
            gk[k] = gb.get((long) b * (n - 1) + k - 1);
          }
          lastB = b;
        }
        long row = q * nodes;
        MemorySegment.copy(par, ValueLayout.JAVA_INT, row * 4, parent, 0, nodes);
        MemorySegment.copy(dsc, ValueLayout.JAVA_INT, row * 4, leaves, 0, nodes);
        java.util.Arrays.fill(acc, 0.0);
        // Edge c→p adds g[desc c]·(t_p − t_c): +g to its parent's time, −g to its child's.
        for (int v = 0; v < nodes; v++) {
          int p = parent[v];
          if (p >= 0) {
            double gv = gk[leaves[v]];
            acc[p] += gv;
            acc[v] -= gv;
          }
        }
        double scale = m.get(b) * w;
        for (int i = 1; i < n; i++) {
          gt.set(((long) b * n + i) * sites + l, scale * acc[n - 1 + i]);
        }
      }
    });
  }
}
