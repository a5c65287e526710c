package dev.mainspring.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Ancestral-material segments in native memory, one 32-byte record each:
 * {@code left, right} (doubles: the half-open genome interval), {@code next, prev} (ints: the
 * lineage's chain, -1 at the ends) and {@code node} (the tree-sequence node the material currently
 * descends through); 4 bytes pad the record to half a cache line. Records are recycled through a
 * free list, so a simulator allocates nothing after warm-up. The deme of each segment sits in a
 * parallel array, since only recombination and migration read it.
 */
public final class SegmentPool {
  public static final int NULL = -1;
  private static final long RECORD = 32;
  private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED; // the alignment check costs; memory is 8-aligned anyway
  private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT_UNALIGNED; // the alignment check costs; memory is 8-aligned anyway

  private MemorySegment mem;
  private final NativeInts deme;
  private int capacity;
  private int highWater; // records [0, highWater) have been handed out at least once
  private int freeHead = NULL;
  private int live;

  public SegmentPool(int initialCapacity) {
    capacity = Math.max(16, initialCapacity);
    mem = Arena.ofAuto().allocate(capacity * RECORD, 8);
    deme = new NativeInts(capacity);
  }

  public int capacity() {
    return capacity;
  }

  /** Number of records currently allocated. */
  public int live() {
    return live;
  }

  /** Forgets every record (O(1)); memory is kept. */
  public void reset() {
    highWater = 0;
    freeHead = NULL;
    live = 0;
  }

  /** True when the next {@link #alloc} would need {@link #grow}. */
  public boolean full() {
    return freeHead == NULL && highWater == capacity;
  }

  /** Doubles the capacity, keeping every record. */
  public void grow() {
    int c = capacity * 2;
    MemorySegment bigger = Arena.ofAuto().allocate(c * RECORD, 8);
    bigger.copyFrom(mem);
    mem = bigger;
    deme.ensure(c);
    capacity = c;
  }

  /** A fresh record with the given fields; the caller must have checked {@link #full}. */
  public int alloc(double left, double right, int node, int demeId) {
    int s;
    if (freeHead != NULL) {
      s = freeHead;
      freeHead = next(s);
    } else {
      s = highWater++;
    }
    long o = s * RECORD;
    mem.set(D, o, left);
    mem.set(D, o + 8, right);
    mem.set(I, o + 16, NULL);
    mem.set(I, o + 20, NULL);
    mem.set(I, o + 24, node);
    deme.set(s, demeId);
    live++;
    return s;
  }

  public void free(int s) {
    mem.set(I, s * RECORD + 16, freeHead);
    freeHead = s;
    live--;
  }

  public double left(int s) {
    return mem.get(D, s * RECORD);
  }

  public double right(int s) {
    return mem.get(D, s * RECORD + 8);
  }

  public int next(int s) {
    return mem.get(I, s * RECORD + 16);
  }

  public int prev(int s) {
    return mem.get(I, s * RECORD + 20);
  }

  public int node(int s) {
    return mem.get(I, s * RECORD + 24);
  }

  public int deme(int s) {
    return deme.get(s);
  }

  public void setLeft(int s, double v) {
    mem.set(D, s * RECORD, v);
  }

  public void setRight(int s, double v) {
    mem.set(D, s * RECORD + 8, v);
  }

  public void setNext(int s, int v) {
    mem.set(I, s * RECORD + 16, v);
  }

  public void setPrev(int s, int v) {
    mem.set(I, s * RECORD + 20, v);
  }

  public void setDeme(int s, int v) {
    deme.set(s, v);
  }
}
