package dev.mainspring.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A growable array of ints in native memory. The simulator's working memory lives in these so
 * that a simulator instance reuses the same memory across replicates and the Java heap sees no
 * per-event garbage. Memory comes from an automatic arena: it is freed when the array (or a
 * superseded segment after growth) becomes unreachable, and any thread may use it.
 */
public final class NativeInts {
  private static final ValueLayout.OfInt D = ValueLayout.JAVA_INT_UNALIGNED; // the alignment check costs; memory is 8-aligned anyway
  private MemorySegment seg;
  private long capacity;

  public NativeInts(long initialCapacity) {
    capacity = Math.max(1, initialCapacity);
    seg = Arena.ofAuto().allocate(capacity * 4, 8);
  }

  public int get(long i) {
    return seg.getAtIndex(D, i);
  }

  public void set(long i, int v) {
    seg.setAtIndex(D, i, v);
  }

  public void add(long i, int v) {
    seg.setAtIndex(D, i, seg.getAtIndex(D, i) + v);
  }

  /**
   * The current segment, for hot loops that keep it in a local (the JIT then hoists the liveness
   * check); it is replaced by {@link #ensure}, so re-read it after growing.
   */
  public MemorySegment segment() {
    return seg;
  }

  /** Element i of a segment obtained from {@link #segment()}. */
  public static int at(MemorySegment s, long i) {
    return s.getAtIndex(D, i);
  }

  public static void put(MemorySegment s, long i, int v) {
    s.setAtIndex(D, i, v);
  }

  public long capacity() {
    return capacity;
  }

  /** Grows (keeping contents) so that indices below {@code n} are valid. */
  public void ensure(long n) {
    if (n <= capacity) {
      return;
    }
    long c = capacity;
    while (c < n) {
      c *= 2;
    }
    MemorySegment bigger = Arena.ofAuto().allocate(c * 4, 8);
    bigger.copyFrom(seg);
    seg = bigger;
    capacity = c;
  }


  public void zero(long from, long to) {
    seg.asSlice(from * 4, (to - from) * 4).fill((byte) 0);
  }


}
