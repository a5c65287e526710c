package dev.mainspring.tensor;

/**
 * Philox4x32-10 (Salmon et al., SC'11; Random123), the counter-based generator behind dropout and
 * Gumbel noise. A random number is a pure function of (seed, offset, element index), so the CPU and a
 * CUDA kernel that use the layout below produce bit-identical uniforms, in any order, on any thread.
 *
 * <p>Layout (the contract a device kernel must follow): element {@code i} of stream
 * {@code (seed, offset)} is word {@code i % 4} of the block computed for counter
 * {@code (lo(i/4), hi(i/4), lo(offset), hi(offset))} under key {@code (lo(seed), hi(seed))}. Its
 * uniform is {@code (2·(word >>> 9) + 1) · 2^-24}: in (0, 1), never 0 or 1, exactly representable in
 * float, so {@code log u} and {@code log(-log u)} are always finite.
 *
 * <p>Give each use its own {@code offset} (e.g. a per-step counter times a per-layer id): distinct
 * offsets are independent streams.
 */
public final class Philox {
  private static final int M0 = 0xD2511F53;
  private static final int M1 = 0xCD9E8D57;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;
  private static final float TWO_POW_M24 = 0x1.0p-24f;

  private Philox() {}

  /** Ten rounds on counter (c0..c3) under key (k0, k1); writes the four output words to out[0..3]. */
  public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
    for (int r = 0; r < 10; r++) {
      if (r > 0) {
        k0 += W0;
        k1 += W1;
      }
      long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
      long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
      int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
      int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
      c1 = (int) p1;
      c3 = (int) p0;
      c0 = n0;
      c2 = n2;
    }
    out[0] = c0;
    out[1] = c1;
    out[2] = c2;
    out[3] = c3;
  }

  /** The four words of block {@code blockIndex} (elements 4·blockIndex … 4·blockIndex+3). */
  public static void block(long seed, long offset, long blockIndex, int[] out) {
    block((int) blockIndex, (int) (blockIndex >>> 32), (int) offset, (int) (offset >>> 32),
        (int) seed, (int) (seed >>> 32), out);
  }

  /** The 32 random bits of element {@code index} of stream (seed, offset). */
  public static int bits(long seed, long offset, long index) {
    int[] w = new int[4];
    block(seed, offset, index >>> 2, w);
    return w[(int) (index & 3)];
  }

  /** Uniform in (0, 1) of element {@code index} of stream (seed, offset). */
  public static float uniform(long seed, long offset, long index) {
    return toUniform(bits(seed, offset, index));
  }

  /** The uniform of a 32-bit word: (2·(w >>> 9) + 1) · 2^-24. */
  public static float toUniform(int word) {
    return ((word >>> 9) * 2 + 1) * TWO_POW_M24;
  }

  /**
   * Fills {@code out[0 .. count)} with the uniforms of elements {@code start …
   * start+count-1}; one Philox block per four elements.
   */
  public static void uniforms(long seed, long offset, long start, float[] out, int count) {
    int[] w = new int[4];
    long i = start;
    int k = 0;
    while (k < count) {
      block(seed, offset, i >>> 2, w);
      for (int lane = (int) (i & 3); lane < 4 && k < count; lane++, k++, i++) {
        out[k] = toUniform(w[lane]);
      }
    }
  }
}
