package dev.mainspring.sim;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Stable sorting of an index array by a non-negative double key. Stability is what tskit's edge
 * indexes need: sorting edges that are in table order (parent time, parent, child, left) by left
 * alone yields the insertion order.
 *
 * <p>Method: for non-negative doubles the raw bits order like the values, so each element becomes
 * one long, (top 32 bits of its key) << 32 | (its input position), sorted by the JDK's primitive
 * sort; runs that share the top 32 bits (keys within ~1e-6 relative, mostly equal keys) are then
 * finished by insertion sort on the full key. This is several times faster than a comparison
 * merge sort over native memory, and the long[] scratch is reused.
 */
public final class IndexSort {
  private long[] packed = new long[1024];
  private int[] input = new int[1024];

  /** Sorts {@code idx[0, n)} so that {@code key[idx[i]]} is non-decreasing, keeping ties in order. */
  public void sort(NativeInts idx, int n, NativeDoubles key) {
    if (packed.length < n) {
      packed = new long[Math.max(n, 2 * packed.length)];
      input = new int[packed.length];
    }
    MemorySegment k = key.segment();
    MemorySegment a = idx.segment();
    long[] p = packed;
    int[] in = input;
    for (int i = 0; i < n; i++) {
      int v = NativeInts.at(a, i);
      double x = NativeDoubles.at(k, v);
      if (!(x >= 0)) {
        throw new IllegalArgumentException("sort keys must be non-negative, got " + x);
      }
      in[i] = v;
      p[i] = (Double.doubleToRawLongBits(x + 0.0) >>> 32) << 32 | i;
    }
    Arrays.sort(p, 0, n);
    int start = 0;
    while (start < n) {
      long high = p[start] >>> 32;
      int end = start + 1;
      while (end < n && p[end] >>> 32 == high) {
        end++;
      }
      // Within a run: insertion sort on (full key, input position); usually already in order.
      for (int i = start + 1; i < end; i++) {
        long e = p[i];
        double ke = NativeDoubles.at(k, in[(int) e]);
        int j = i - 1;
        while (j >= start && NativeDoubles.at(k, in[(int) p[j]]) > ke) {
          p[j + 1] = p[j];
          j--;
        }
        p[j + 1] = e;
      }
      start = end;
    }
    for (int i = 0; i < n; i++) {
      NativeInts.put(a, i, in[(int) p[i]]);
    }
  }
}
