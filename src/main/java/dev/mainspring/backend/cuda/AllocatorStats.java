package dev.mainspring.backend.cuda;

/**
 * Counters of a {@link DeviceAllocator}. After warm-up a steady training step should raise only
 * {@code cacheHits}: {@code driverAllocations} staying put is the allocator doing its job.
 *
 * @param driverAllocations blocks obtained from the device
 * @param driverFrees blocks returned to the device (cache releases)
 * @param cacheHits requests served from a free list
 * @param bytesInUse capacity of blocks currently lent out
 * @param bytesCached capacity of freed blocks kept for reuse
 * @param peakBytesInUse the most {@code bytesInUse} has been
 * @param peakBytesReserved the most in use plus cached has been: what the device had to hold
 * @param blocksInUse blocks currently lent out
 */
public record AllocatorStats(
    long driverAllocations,
    long driverFrees,
    long cacheHits,
    long bytesInUse,
    long bytesCached,
    long peakBytesInUse,
    long peakBytesReserved,
    int blocksInUse) {}
