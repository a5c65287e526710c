package dev.mainspring.sim;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The storage and growth shared by {@link NativeDoubles} and {@link NativeInts}: a segment of
 * fixed-size elements in native memory from an automatic arena (freed when the array, or a
 * segment superseded by growth, becomes unreachable; any thread may use it). The subclasses add
 * typed access only.
 */
abstract class NativeArray {
  private final int elementBytes;
  MemorySegment seg;
  private long capacity;

  NativeArray(long initialCapacity, int elementBytes) {
    this.elementBytes = elementBytes;
    capacity = Math.max(1, initialCapacity);
    seg = Arena.ofAuto().allocate(capacity * elementBytes, 8);
  }

  /**
   * The current segment, for hot loops that keep it in a local (the JIT then hoists the liveness
   * check); it is replaced by {@link #ensure}, so re-read it after growing.
   */
  public final MemorySegment segment() {
    return seg;
  }

  public final long capacity() {
    return capacity;
  }

  /** Grows (keeping contents) so that indices below {@code n} are valid. */
  public final void ensure(long n) {
    if (n <= capacity) {
      return;
    }
    long c = capacity;
    while (c < n) {
      c *= 2;
    }
    MemorySegment bigger = Arena.ofAuto().allocate(c * elementBytes, 8);
    bigger.copyFrom(seg);
    seg = bigger;
    capacity = c;
  }

  public final void zero(long from, long to) {
    seg.asSlice(from * elementBytes, (to - from) * elementBytes).fill((byte) 0);
  }
}
