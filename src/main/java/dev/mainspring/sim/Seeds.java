package dev.mainspring.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoShiRo256PlusPlus;

/**
 * Seed derivation. Example k of a run gets the seed {@code example(runSeed, k)} and its own
 * generator, so its content is a pure function of (run seed, k) whatever thread makes it and in
 * whatever order. Streams that must not shift when another consumer draws more numbers (a crop
 * window, say) get a seed of their own via {@link #stream}.
 */
public final class Seeds {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /** SplitMix64's finaliser: a bijective 64-bit mix. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public static long example(long runSeed, long index) {
    return mix(mix(runSeed + GOLDEN) ^ (index * GOLDEN + 0x632BE59BD9B4E019L));
  }

  /** A seed for the named sub-stream of an example seed. */
  public static long stream(long exampleSeed, long tag) {
    return mix(exampleSeed ^ mix(tag + 0x3C6EF372FE94F82AL));
  }

  /** A fresh xoshiro256++ generator whose 256-bit state is expanded from {@code seed} by SplitMix64. */
  public static UniformRandomProvider rng(long seed) {
    long s = seed;
    long[] state = new long[4];
    for (int i = 0; i < 4; i++) {
      s += GOLDEN;
      state[i] = mix(s);
    }
    return new XoShiRo256PlusPlus(state);
  }
}
