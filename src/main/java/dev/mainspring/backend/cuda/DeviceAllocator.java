package dev.mainspring.backend.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * A caching allocator for device memory. Requests are rounded up to {@link SizeClasses} and released
 * blocks go onto a free list per class instead of back to the driver, so a training step that asks
 * for the same sizes every time makes no driver allocation after its first run (cuMemAlloc and
 * cuMemFree are slow and cuMemFree synchronises the device).
 *
 * <p>Reuse is safe without events because all work runs on one stream: a kernel queued after a block
 * is reused runs after every kernel that used it before. When the device runs out, the allocator gives
 * its cached blocks back to the driver and tries once more before failing with the sizes involved.
 */
public final class DeviceAllocator implements AutoCloseable {
  private final DeviceMemory memory;
  private final Map<Long, ArrayDeque<Long>> freeLists = new HashMap<>();
  private long driverAllocations;
  private long driverFrees;
  private long cacheHits;
  private long bytesInUse;
  private long bytesCached;
  private long peakBytesInUse;
  private long peakBytesReserved;
  private int blocksInUse;
  private boolean closed;

  public DeviceAllocator(DeviceMemory memory) {
    this.memory = memory;
  }

  /** A block of at least {@code bytes}; throws {@link DeviceOutOfMemoryException} if the device is full. */
  public synchronized DeviceBlock allocate(long bytes) {
    if (closed) {
      throw new IllegalStateException("allocator is closed");
    }
    long capacity = SizeClasses.roundUp(bytes);
    ArrayDeque<Long> free = freeLists.get(capacity);
    long pointer;
    if (free != null && !free.isEmpty()) {
      pointer = free.pop();
      bytesCached -= capacity;
      cacheHits++;
    } else {
      pointer = allocateFromDevice(bytes, capacity);
    }
    bytesInUse += capacity;
    blocksInUse++;
    peakBytesInUse = Math.max(peakBytesInUse, bytesInUse);
    peakBytesReserved = Math.max(peakBytesReserved, bytesInUse + bytesCached);
    return new DeviceBlock(pointer, bytes, capacity);
  }

  private long allocateFromDevice(long bytes, long capacity) {
    long pointer = memory.allocate(capacity);
    if (pointer == 0) {
      long released = releaseCache();
      pointer = memory.allocate(capacity);
      if (pointer == 0) {
        DeviceMemory.Info info = memory.info();
        throw new DeviceOutOfMemoryException("out of device memory: requested " + ByteSizes.format(bytes)
            + " (size class " + ByteSizes.format(capacity) + "), but the device has " + ByteSizes.format(info.free())
            + " free of " + ByteSizes.format(info.total()) + " after Mainspring gave back "
            + ByteSizes.format(released) + " of cached blocks; Mainspring holds " + ByteSizes.format(bytesInUse)
            + " in " + blocksInUse + " live blocks. Use a smaller batch or fewer sites.", bytes);
      }
    }
    driverAllocations++;
    return pointer;
  }

  /** Returns {@code block} to its free list. Releasing a block twice is an error. */
  public synchronized void release(DeviceBlock block) {
    if (!block.isLive()) {
      throw new IllegalStateException("device block released twice");
    }
    block.markReleased();
    bytesInUse -= block.capacity();
    blocksInUse--;
    if (closed) {
      memory.free(block.rawPointer());
      driverFrees++;
      return;
    }
    freeLists.computeIfAbsent(block.capacity(), c -> new ArrayDeque<>()).push(block.rawPointer());
    bytesCached += block.capacity();
  }

  /** Gives every cached block back to the driver; returns the bytes released. */
  public synchronized long releaseCache() {
    long released = 0;
    for (Map.Entry<Long, ArrayDeque<Long>> e : freeLists.entrySet()) {
      ArrayDeque<Long> free = e.getValue();
      while (!free.isEmpty()) {
        memory.free(free.pop());
        driverFrees++;
        released += e.getKey();
      }
    }
    freeLists.clear();
    bytesCached -= released;
    return released;
  }

  public synchronized AllocatorStats stats() {
    return new AllocatorStats(driverAllocations, driverFrees, cacheHits, bytesInUse, bytesCached,
        peakBytesInUse, peakBytesReserved, blocksInUse);
  }

  /**
   * Releases the cache. Blocks still lent out are freed to the driver when they are released; a
   * leak shows as {@code blocksInUse > 0} in {@link #stats()}.
   */
  @Override
  public synchronized void close() {
    if (!closed) {
      releaseCache();
      closed = true;
    }
  }
}
