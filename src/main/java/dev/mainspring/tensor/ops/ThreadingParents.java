package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * The per-site trees of the threading ARG builder (MODEL.md, "Building the ARG") from one-hot hard
 * copying targets and join times, on the backend the inputs live on: no host round trip between the
 * topology decoder's hard sample and {@link DifferentiableSfs}, which reads the result.
 *
 * <p>Per real site (b, l): sample i's target ĵ_i is the first j &lt; i with {@code hard[b, l, i, j]
 * != 0} (row 0 and entries j ≥ i are not read), its join node n−1+i has time {@code times[b, i, l]}.
 * For i = 1..n−1 in order, climb from leaf ĵ_i while the parent is at or below the new node in
 * (time, node id) order and splice the new node onto that branch, leaf i its other child — exactly
 * {@code data.ThreadingArgBuilder.parents}. Times are compared in float32, as that builder takes
 * them, so F64 inputs give the trees of their F32 rounding.
 *
 * <p>The result is structure only (integers): no gradient flows through it. Padded sites
 * ({@code siteMask == 0}) get all −1 rows and their inputs are not checked. A real site whose row i
 * has no 1 at j &lt; i, or whose join time is not positive and finite, is an error naming the
 * example, site and sample (on the CUDA backend thrown at the next synchronisation).
 */
public final class ThreadingParents {
  /** Backend kernels for this family. */
  public interface Kernels {
    /**
     * Writes {@code out[b, l, ·]} (I32 [B, S, 2n−1], −1 at the root) for every site: the threaded
     * tree at real sites, all −1 where {@code siteMask[b, l] == 0} (or nowhere when it is null).
     */
    void parents(Tensor hard, Tensor times, Tensor siteMask, Tensor out);
  }

  private ThreadingParents() {}

  /**
   * @param hard one-hot targets [B, S, n, n] (floating)
   * @param times join times [B, n, S] (floating), row 0 unused
   * @param siteMask [B, S] (floating), 1 at real sites and 0 at padding; null: every site is real
   * @return parents I32 [B, S, 2n−1], in the layout {@link DifferentiableSfs} reads
   */
  public static Tensor apply(Tensor hard, Tensor times, Tensor siteMask) {
    if (times.rank() != 3) {
      throw new IllegalArgumentException("threading: times must be [B, n, S], got " + times);
    }
    int batch = times.dim(0);
    int n = times.dim(1);
    int sites = times.dim(2);
    if (n < 2) {
      throw new IllegalArgumentException("threading: needs at least 2 samples, times is " + times);
    }
    hard.requireShape(new int[] {batch, sites, n, n}, "threading hard targets (for times "
        + Shape.str(times.shape()) + ")");
    if (siteMask != null) {
      siteMask.requireShape(new int[] {batch, sites}, "threading site mask");
    }
    for (Tensor t : new Tensor[] {hard, times, siteMask}) {
      if (t == null) {
        continue;
      }
      if (!t.dtype().isFloating()) {
        throw new IllegalArgumentException("threading: hard targets, times and site mask must be floating, got "
            + t);
      }
      if (t.backend() != times.backend()) {
        throw new IllegalArgumentException("threading: inputs on different backends: " + t + ", " + times);
      }
    }
    Tensor out = Tensor.empty(times.backend(), DType.I32, batch, sites, 2 * n - 1);
    times.backend().kernels(Kernels.class).parents(hard, times, siteMask, out);
    return out;
  }
}
