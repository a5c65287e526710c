package dev.mainspring.sim;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A growable array of ints in native memory. The simulator's working memory lives in these so
 * that a simulator instance reuses the same memory across replicates and the Java heap sees no
 * per-event garbage; storage and growth are {@link NativeArray}'s.
 */
public final class NativeInts extends NativeArray {
  // The alignment check costs; memory is 8-aligned anyway.
  private static final ValueLayout.OfInt D = ValueLayout.JAVA_INT_UNALIGNED;

  public NativeInts(long initialCapacity) {
    super(initialCapacity, 4);
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

  /** Element i of a segment obtained from {@link #segment()}. */
  public static int at(MemorySegment s, long i) {
    return s.getAtIndex(D, i);
  }

  public static void put(MemorySegment s, long i, int v) {
    s.setAtIndex(D, i, v);
  }
}
