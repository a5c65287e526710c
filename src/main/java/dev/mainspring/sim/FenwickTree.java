package dev.mainspring.sim;

import java.lang.foreign.MemorySegment;

/**
 * A Fenwick (binary indexed) tree of non-negative doubles in native memory: point updates,
 * the total in O(1), and "find the element whose cumulative range holds h" in O(log n). The
 * simulator keeps every segment's recombination mass here so a breakpoint is drawn
 * proportionally to mass without scanning the lineages.
 *
 * <p>The exact values are kept beside the tree; since repeated {@code +delta} updates let the
 * internal partial sums drift by rounding, the tree is rebuilt from the values every
 * {@link #REBUILD_EVERY} updates.
 *
 * <p>Floating-point sums depend on the tree's shape, so for results that are a function of the
 * seed alone the logical size restarts at {@link #INITIAL_CAPACITY} on every {@link #clear} and
 * grows the same way in every run; native memory from bigger earlier runs is kept and reused.
 */
public final class FenwickTree {
  static final int REBUILD_EVERY = 1 << 16;
  public static final int INITIAL_CAPACITY = 1024;
  private final NativeDoubles tree;   // 1-based partial sums; tree[cap] is the total
  private final NativeDoubles values; // 0-based exact values
  private int cap;                    // a power of two
  private int updates;
  private double remainder;

  public FenwickTree() {
    cap = INITIAL_CAPACITY;
    tree = new NativeDoubles(cap + 1L);
    values = new NativeDoubles(cap);
    clear();
  }

  public int capacity() {
    return cap;
  }

  /** Sets every value to zero and the logical size back to {@link #INITIAL_CAPACITY}. */
  public void clear() {
    cap = INITIAL_CAPACITY;
    tree.zero(0, cap + 1L);
    values.zero(0, cap);
    updates = 0;
  }

  /** Grows to hold at least {@code minCapacity} elements, keeping the values. */
  public void grow(int minCapacity) {
    if (minCapacity <= cap) {
      return;
    }
    int c = cap;
    while (c < minCapacity) {
      c <<= 1;
    }
    values.ensure(c);
    values.zero(cap, c);
    tree.ensure(c + 1L);
    cap = c;
    rebuild();
  }

  public double get(int i) {
    return values.get(i);
  }

  public double total() {
    return tree.get(cap);
  }

  public void set(int i, double v) {
    double delta = v - values.get(i);
    if (delta == 0) {
      return;
    }
    values.set(i, v);
    MemorySegment t = tree.segment();
    for (int k = i + 1; k <= cap; k += k & -k) {
      NativeDoubles.put(t, k, NativeDoubles.at(t, k) + delta);
    }
    if (++updates >= REBUILD_EVERY) {
      rebuild();
    }
  }

  /** Sum of values {@code [0, i]}. */
  public double prefix(int i) {
    double sum = 0;
    for (int k = i + 1; k > 0; k -= k & -k) {
      sum += tree.get(k);
    }
    return sum;
  }

  /**
   * The smallest index whose inclusive prefix sum exceeds {@code h} (elements of value zero are
   * never returned unless rounding puts {@code h} at the very end); {@link #remainder()} then
   * holds {@code h} minus the sum of the values before it.
   */
  public int find(double h) {
    int pos = 0;
    double rem = h;
    MemorySegment s = tree.segment();
    for (int step = cap; step > 0; step >>= 1) {
      int k = pos + step;
      if (k <= cap) {
        double t = NativeDoubles.at(s, k);
        if (t <= rem) {
          pos = k;
          rem -= t;
        }
      }
    }
    remainder = rem;
    return Math.min(pos, cap - 1);
  }

  public double remainder() {
    return remainder;
  }

  /** Recomputes the partial sums from the exact values in O(n). */
  public void rebuild() {
    tree.zero(0, cap + 1L);
    for (int k = 1; k <= cap; k++) {
      tree.add(k, values.get(k - 1));
      int parent = k + (k & -k);
      if (parent <= cap) {
        tree.add(parent, tree.get(k));
      }
    }
    updates = 0;
  }
}
