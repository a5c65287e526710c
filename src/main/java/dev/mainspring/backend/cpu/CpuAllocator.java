package dev.mainspring.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A caching allocator of off-heap blocks. Sizes are rounded up to a size class (quarter steps
 * between powers of two above 4 KiB) and freed blocks wait on a free list for the next request of
 * their class, so a steady training loop stops asking the system for memory after warm-up and its
 * footprint stays flat. {@link #trim()} gives cached blocks back.
 */
final class CpuAllocator {
  static final long ALIGNMENT = 64; // one cache line; also what 512-bit vector loads like

  /** One system allocation, reused across tensors of the same size class. */
  static final class Block {
    private final MemorySegment segment;
    private final Arena arena;
    private final long sizeClass;

    Block(Arena arena, MemorySegment segment, long sizeClass) {
      this.arena = arena;
      this.segment = segment;
      this.sizeClass = sizeClass;
    }

    MemorySegment segment() {
      return segment;
    }
  }

  private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
  private long bytesInUse;
  private long bytesReserved;
  private long peakInUse;
  private long systemAllocations;

  static long sizeClass(long bytes) {
    if (bytes <= 4096) {
      return Math.max(ALIGNMENT, (bytes + 255) & ~255L);
    }
    long pow = Long.highestOneBit(bytes);
    long quarter = pow >> 2;
    return (bytes + quarter - 1) / quarter * quarter;
  }

  synchronized Block allocate(long bytes) {
    long cls = sizeClass(bytes);
    ArrayDeque<Block> list = free.get(cls);
    Block b = list == null ? null : list.poll();
    if (b == null) {
      Arena arena = Arena.ofShared();
      MemorySegment seg;
      try {
        seg = arena.allocate(cls, ALIGNMENT);
      } catch (OutOfMemoryError e) {
        trimLocked();
        try {
          seg = arena.allocate(cls, ALIGNMENT);
        } catch (OutOfMemoryError again) {
          arena.close();
          throw new OutOfMemoryError("CPU backend could not allocate " + cls + " bytes off-heap ("
              + (bytesInUse >> 20) + " MiB in use); use a smaller batch or preset, or raise "
              + "-XX:MaxDirectMemorySize");
        }
      }
      b = new Block(arena, seg, cls);
      bytesReserved += cls;
      systemAllocations++;
    }
    bytesInUse += cls;
    peakInUse = Math.max(peakInUse, bytesInUse);
    return b;
  }

  synchronized void free(Block b) {
    bytesInUse -= b.sizeClass;
    free.computeIfAbsent(b.sizeClass, k -> new ArrayDeque<>()).push(b);
  }

  /** Returns every cached (free) block to the system. */
  synchronized void trim() {
    trimLocked();
  }

  private void trimLocked() {
    List<Block> all = new ArrayList<>();
    for (ArrayDeque<Block> q : free.values()) {
      all.addAll(q);
    }
    free.clear();
    for (Block b : all) {
      bytesReserved -= b.sizeClass;
      b.arena.close();
    }
  }

  synchronized long bytesInUse() {
    return bytesInUse;
  }

  synchronized long bytesReserved() {
    return bytesReserved;
  }

  synchronized long peakInUse() {
    return peakInUse;
  }

  synchronized long systemAllocations() {
    return systemAllocations;
  }
}
