package dev.mainspring.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * msprime's overlap counts: for each position, how many extant lineages carry ancestral material
 * there, as a piecewise-constant map {@code breakpoint -> count} over {@code [0, L)} with a
 * sentinel breakpoint at L (count -1). Material reaches its local MRCA where a coalescence meets a
 * count of 2. No two adjacent intervals hold the same count (callers {@link #compact} after
 * changes).
 *
 * <p>Breakpoints form a doubly linked list in position order (walking along a merge is O(1) per
 * step) and a treap with parent pointers on the same nodes (finding the interval that holds a
 * position is O(log m)). Because a new breakpoint always goes next to a known neighbour it is
 * attached without a search and rotated up; removals rotate down. Both take O(1) expected
 * rotations. Priorities are a hash of an allocation counter, so no random numbers are consumed.
 * Nodes are 40-byte records in native memory, recycled through a free list.
 */
public final class OverlapCounts {
  public static final int NIL = -1;
  private static final long REC = 40;
  private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED; // the alignment check costs; memory is 8-aligned anyway
  private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED; // the alignment check costs; memory is 8-aligned anyway
  // Field offsets within a record.
  private static final long KEY = 0;
  private static final long COUNT = 8;
  private static final long PREV = 12;
  private static final long NEXT = 16;
  private static final long PARENT = 20;
  private static final long LEFT = 24;
  private static final long RIGHT = 28;
  private static final long PRIO = 32;

  private MemorySegment mem;
  private int capacity;
  private int highWater;
  private int freeHead = NIL;
  private int root = NIL;
  private int size;
  private int head;
  private int tail;
  private long serial;

  public OverlapCounts(int initialCapacity) {
    capacity = Math.max(16, initialCapacity);
    mem = Arena.ofAuto().allocate(capacity * REC, 8);
  }

  /** One interval [0, L) with {@code count} lineages. */
  public void reset(double length, int count) {
    serial = 0;
    highWater = 0;
    freeHead = NIL;
    root = NIL;
    size = 0;
    head = newNode(0, count);
    root = head;
    tail = newNode(length, -1);
    setNext(head, tail);
    setPrev(tail, head);
    setRight(head, tail);
    setParent(tail, head);
    if (prio(tail) > prio(head)) {
      rotateUp(tail);
    }
  }

  /** Number of breakpoints, the sentinel at L included. */
  public int size() {
    return size;
  }

  public int first() {
    return head;
  }

  public double key(int v) {
    return mem.get(D, v * REC + KEY);
  }

  public int count(int v) {
    return mem.get(I, v * REC + COUNT);
  }

  public void setCount(int v, int c) {
    mem.set(I, v * REC + COUNT, c);
  }

  public int next(int v) {
    return mem.get(I, v * REC + NEXT);
  }

  public int prev(int v) {
    return mem.get(I, v * REC + PREV);
  }

  /** The breakpoint starting the interval that holds x (the largest key <= x). */
  public int floor(double x) {
    int v = root;
    int best = NIL;
    while (v != NIL) {
      if (key(v) <= x) {
        best = v;
        v = right(v);
      } else {
        v = left(v);
      }
    }
    return best;
  }

  /** The breakpoint at x, splitting the interval that holds x if there is none yet. */
  public int split(double x) {
    int f = floor(x);
    return key(f) == x ? f : insertAfter(f, x);
  }

  /**
   * Splits the interval starting at {@code p} at x ({@code key(p) < x < key(next(p))}); both
   * halves keep p's count. Returns the new breakpoint.
   */
  public int insertAfter(int p, double x) {
    int s = next(p);
    int v = newNode(x, count(p));
    setPrev(v, p);
    setNext(v, s);
    setNext(p, v);
    setPrev(s, v);
    // In-order neighbours p < v < s: either p has no right child or s (leftmost of p's right
    // subtree) has no left child, so v attaches there as a leaf.
    if (right(p) == NIL) {
      setRight(p, v);
      setParent(v, p);
    } else {
      setLeft(s, v);
      setParent(v, s);
    }
    rotateUp(v);
    return v;
  }

  /**
   * Removes breakpoint v (merging its interval into the previous one) if both hold the same
   * count. Returns true if it was removed. The first breakpoint and the sentinel are never removed.
   */
  public boolean compact(int v) {
    if (v == head || v == tail) {
      return false;
    }
    int p = prev(v);
    if (count(p) != count(v)) {
      return false;
    }
    remove(v);
    return true;
  }

  private void remove(int v) {
    int p = prev(v);
    int s = next(v);
    setNext(p, s);
    setPrev(s, p);
    // Rotate v down until it is a leaf, then cut it off.
    while (true) {
      int l = left(v);
      int r = right(v);
      if (l == NIL && r == NIL) {
        break;
      }
      int c = l == NIL ? r : r == NIL ? l : (prio(l) > prio(r) ? l : r);
      rotate(c);
    }
    int parent = parent(v);
    if (parent == NIL) {
      root = NIL;
    } else if (left(parent) == v) {
      setLeft(parent, NIL);
    } else {
      setRight(parent, NIL);
    }
    setNext(v, freeHead);
    freeHead = v;
    size--;
  }

  private void rotateUp(int v) {
    int p;
    while ((p = parent(v)) != NIL && prio(v) > prio(p)) {
      rotate(v);
    }
  }

  /** Rotates child c above its parent, keeping the in-order sequence. */
  private void rotate(int c) {
    int p = parent(c);
    int g = parent(p);
    if (left(p) == c) {
      int b = right(c);
      setLeft(p, b);
      if (b != NIL) {
        setParent(b, p);
      }
      setRight(c, p);
    } else {
      int b = left(c);
      setRight(p, b);
      if (b != NIL) {
        setParent(b, p);
      }
      setLeft(c, p);
    }
    setParent(p, c);
    setParent(c, g);
    if (g == NIL) {
      root = c;
    } else if (left(g) == p) {
      setLeft(g, c);
    } else {
      setRight(g, c);
    }
  }

  private int newNode(double key, int count) {
    int v;
    if (freeHead != NIL) {
      v = freeHead;
      freeHead = next(v);
    } else {
      if (highWater == capacity) {
        grow();
      }
      v = highWater++;
    }
    long o = v * REC;
    mem.set(D, o + KEY, key);
    mem.set(I, o + COUNT, count);
    mem.set(I, o + PREV, NIL);
    mem.set(I, o + NEXT, NIL);
    mem.set(I, o + PARENT, NIL);
    mem.set(I, o + LEFT, NIL);
    mem.set(I, o + RIGHT, NIL);
    mem.set(I, o + PRIO, (int) Seeds.mix(++serial));
    size++;
    return v;
  }

  private void grow() {
    int c = capacity * 2;
    MemorySegment bigger = Arena.ofAuto().allocate(c * REC, 8);
    bigger.copyFrom(mem);
    mem = bigger;
    capacity = c;
  }

  private int parent(int v) {
    return mem.get(I, v * REC + PARENT);
  }

  private int left(int v) {
    return mem.get(I, v * REC + LEFT);
  }

  private int right(int v) {
    return mem.get(I, v * REC + RIGHT);
  }

  private int prio(int v) {
    return mem.get(I, v * REC + PRIO);
  }

  private void setPrev(int v, int x) {
    mem.set(I, v * REC + PREV, x);
  }

  private void setNext(int v, int x) {
    mem.set(I, v * REC + NEXT, x);
  }

  private void setParent(int v, int x) {
    mem.set(I, v * REC + PARENT, x);
  }

  private void setLeft(int v, int x) {
    mem.set(I, v * REC + LEFT, x);
  }

  private void setRight(int v, int x) {
    mem.set(I, v * REC + RIGHT, x);
  }
}
