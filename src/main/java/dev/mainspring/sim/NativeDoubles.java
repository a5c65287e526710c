package dev.mainspring.sim;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A growable array of doubles in native memory. The simulator's working memory lives in these so
 * that a simulator instance reuses the same memory across replicates and the Java heap sees no
 * per-event garbage; storage and growth are {@link NativeArray}'s.
 */
public final class NativeDoubles extends NativeArray {
  // The alignment check costs; memory is 8-aligned anyway.
  private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;

  public NativeDoubles(long initialCapacity) {
    super(initialCapacity, 8);
  }

  public double get(long i) {
    return seg.getAtIndex(D, i);
  }

  public void set(long i, double v) {
    seg.setAtIndex(D, i, v);
  }

  public void add(long i, double v) {
    seg.setAtIndex(D, i, seg.getAtIndex(D, i) + v);
  }

  /** Element i of a segment obtained from {@link #segment()}. */
  public static double at(MemorySegment s, long i) {
    return s.getAtIndex(D, i);
  }

  public static void put(MemorySegment s, long i, double v) {
    s.setAtIndex(D, i, v);
  }
}
