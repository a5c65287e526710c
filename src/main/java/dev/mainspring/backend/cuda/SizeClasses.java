package dev.mainspring.backend.cuda;

/**
 * The size classes of the caching allocator. A request is rounded up to the next class so that
 * freed blocks fit later requests of similar size: 512 bytes at least, then four classes per power
 * of two (1.25, 1.5, 1.75, 2 × 2^k), which wastes less than 25% of any larger request. Every class is
 * a multiple of 128 bytes; blocks are never split, so each keeps cuMemAlloc's 256-byte alignment.
 */
public final class SizeClasses {
  /** The smallest class. */
  public static final long MIN_BYTES = 512;

  private SizeClasses() {}

  /** The class a request of {@code bytes} is served from. */
  public static long roundUp(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative allocation size " + bytes);
    }
    if (bytes <= MIN_BYTES) {
      return MIN_BYTES;
    }
    // 2^k < bytes <= 2^(k+1); classes between them are 2^(k-2) apart.
    int k = 63 - Long.numberOfLeadingZeros(bytes - 1);
    long step = 1L << (k - 2);
    long rounded = ((bytes + step - 1) / step) * step;
    if (rounded < bytes) {
      throw new IllegalArgumentException("allocation size " + bytes + " is too large");
    }
    return rounded;
  }
}
