package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Where the mask of one row (last axis) of the data lives, for row-wise kernels with a broadcast
 * mask: a base offset per row and a stride along the row (0 when one flag covers the whole row).
 */
record RowMask(int[] shape, long[] strides, long step) {
  /** Null when there is no mask. */
  static RowMask of(Tensor x, long[] maskStrides) {
    return maskStrides == null ? null
        : new RowMask(x.shape(), maskStrides, maskStrides[maskStrides.length - 1]);
  }

  long base(long row, int len) {
    return Broadcast.offset(row * len, shape, strides);
  }

  /**
   * Loads row r's F32 mask into mrow. Returns true when it varies along the row (mrow[0..len)
   * filled); false when there is no mask (rm null) or one flag covers the row (then in mrow[0]).
   */
  static boolean loadF32(MemorySegment mask, RowMask rm, long r, int len, float[] mrow) {
    if (mask == null) {
      return false;
    }
    long mb = rm.base(r, len);
    if (rm.step() == 0) {
      mrow[0] = mask.getAtIndex(ValueLayout.JAVA_FLOAT, mb);
      return false;
    }
    MemorySegment.copy(mask, ValueLayout.JAVA_FLOAT, mb * 4, mrow, 0, len);
    return true;
  }

  /** True when a row-wide flag says the whole row is masked. */
  static boolean rowMasked(MemorySegment mask, boolean perEntry, float[] mrow) {
    return mask != null && !perEntry && mrow[0] == 0f;
  }
}
