package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;

/**
 * The nearest-Hamming copying baseline the topology decoder is measured against: for each sample
 * i ≥ 1 and valid site l, the target ĵ_i(l) = argmin_{j<i} M_ij(l), M the windowed mismatch count
 * of {@link WindowedMismatch}. Returned as I32 [B, n, S]; −1 where there is no target (row 0 and
 * padded sites).
 *
 * <p>Tie rule. Among the j with the fewest windowed mismatches, prefer the one whose identical
 * stretch around l is longest: the number of valid sites strictly between the nearest valid
 * mismatch with i on the left of l and the nearest on the right (sequence ends count as the end of
 * a stretch). A longer identity-by-state tract means a more recent common ancestor, and the key
 * still discriminates when several j match i exactly across the whole window — the commonest tie.
 * Remaining ties go to the smallest j.
 */
public final class HammingCopyingBaseline {
  /** Backend kernels for this family. */
  public interface Kernels {
    /** Writes the targets [B, n, S] (I32) for genotypes [B, n, S] and mask [B, S] (or null). */
    void targets(Tensor d, Tensor mask, int window, Tensor out);
  }

  private HammingCopyingBaseline() {}

  public static Tensor apply(Tensor genotypes, Tensor siteMask, int window) {
    WindowedMismatch.requireInputs("hamming copying baseline", genotypes, siteMask, window);
    Tensor out = Tensor.empty(genotypes.backend(), DType.I32, genotypes.shape());
    genotypes.backend().kernels(Kernels.class).targets(genotypes, siteMask, window, out);
    return out;
  }
}
