package dev.mainspring.sim;

/**
 * Stable sorting of an index array by a double key, on native arrays (bottom-up merge sort with
 * insertion-sorted runs). Stability is what tskit's edge indexes need: sorting edges that are in
 * table order (parent time, parent, child, left) by left alone yields the insertion order.
 */
public final class IndexSort {
  private static final int RUN = 16;

  private IndexSort() {}

  /** Sorts {@code idx[0, n)} so that {@code key[idx[i]]} is non-decreasing, keeping ties in order. */
  public static void sort(NativeInts idx, int n, NativeDoubles key, NativeInts scratch) {
    scratch.ensure(n);
    for (int lo = 0; lo < n; lo += RUN) {
      int hi = Math.min(n, lo + RUN);
      for (int i = lo + 1; i < hi; i++) {
        int v = idx.get(i);
        double k = key.get(v);
        int j = i - 1;
        while (j >= lo && key.get(idx.get(j)) > k) {
          idx.set(j + 1, idx.get(j));
          j--;
        }
        idx.set(j + 1, v);
      }
    }
    NativeInts src = idx;
    NativeInts dst = scratch;
    for (int width = RUN; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(n, lo + width);
        int hi = Math.min(n, lo + 2 * width);
        int a = lo;
        int b = mid;
        int o = lo;
        while (a < mid && b < hi) {
          int va = src.get(a);
          int vb = src.get(b);
          if (key.get(vb) < key.get(va)) {
            dst.set(o++, vb);
            b++;
          } else {
            dst.set(o++, va);
            a++;
          }
        }
        while (a < mid) {
          dst.set(o++, src.get(a++));
        }
        while (b < hi) {
          dst.set(o++, src.get(b++));
        }
      }
      NativeInts t = src;
      src = dst;
      dst = t;
    }
    if (src != idx) {
      for (int i = 0; i < n; i++) {
        idx.set(i, src.get(i));
      }
    }
  }
}
