package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * The windowed Hamming distance of the topology decoder's Li & Stephens bias (MODEL.md, Stage 2):
 * {@code M[b, l, i, j]} = the number of valid sites l' with |l' − l| ≤ w at which rows i and j of
 * the genotype matrix differ. Output [B, S, n, n] (the decoder logits' layout), symmetric in (i, j)
 * with a zero diagonal, in the genotypes' dtype. Padded sites are never counted, but every site,
 * padded or not, gets the count over its window (padded rows are the consumer's to mask).
 *
 * <p>No gradient: the genotypes are data. O(n²·S) with a sliding window (a prefix difference
 * along sites, updated incrementally), independent of w.
 */
public final class WindowedMismatch {
  /** Backend kernels for this family. */
  public interface Kernels {
    /**
     * @param d genotypes [B, n, S], nonzero = derived allele
     * @param mask [B, S], nonzero = valid site; null when every site is valid
     * @param out [B, S, n, n], overwritten
     */
    void forward(Tensor d, Tensor mask, int window, Tensor out);
  }

  private WindowedMismatch() {}

  public static Tensor apply(Tensor genotypes, Tensor siteMask, int window) {
    requireInputs("windowed mismatch", genotypes, siteMask, window);
    int b = genotypes.dim(0);
    int n = genotypes.dim(1);
    int s = genotypes.dim(2);
    Tensor out = Tensor.empty(genotypes.backend(), genotypes.dtype(), b, s, n, n);
    genotypes.backend().kernels(Kernels.class).forward(genotypes, siteMask, window, out);
    return out;
  }

  static void requireInputs(String what, Tensor d, Tensor mask, int window) {
    if (d.rank() != 3) {
      throw new IllegalArgumentException(what + ": genotypes must be [B, n, S], got " + d);
    }
    if (window < 0) {
      throw new IllegalArgumentException(what + ": window must be >= 0, got " + window);
    }
    if (mask != null) {
      mask.requireShape(new int[] {d.dim(0), d.dim(2)}, what + " site mask (for genotypes "
          + Shape.str(d.shape()) + ")");
      if (mask.backend() != d.backend()) {
        throw new IllegalArgumentException(what + ": mask and genotypes on different backends");
      }
    }
  }
}
