package dev.mainspring.backend.cpu;

/**
 * Offsets of a broadcast operand (a mask, the smaller side of a binary op) while walking an output
 * shape in row-major order, given the operand's broadcast strides (0 on broadcast axes).
 */
final class Broadcast {
  private Broadcast() {}

  /** Offset in the operand of the element at flat index {@code flat} of {@code shape}. */
  static long offset(long flat, int[] shape, long[] strides) {
    long off = 0;
    for (int d = shape.length - 1; d >= 0; d--) {
      long i = flat % shape[d];
      flat /= shape[d];
      off += i * strides[d];
    }
    return off;
  }

  /** An odometer over {@code shape} from a start index, tracking the operand's offset. */
  static final class Walker {
    private final int[] shape;
    private final long[] strides;
    private final int[] idx;
    private long off;

    Walker(int[] shape, long[] strides, long start) {
      this.shape = shape;
      this.strides = strides;
      this.idx = new int[shape.length];
      long rem = start;
      for (int d = shape.length - 1; d >= 0; d--) {
        idx[d] = (int) (rem % shape[d]);
        rem /= shape[d];
        off += idx[d] * strides[d];
      }
    }

    long offset() {
      return off;
    }

    void next() {
      for (int d = shape.length - 1; d >= 0; d--) {
        idx[d]++;
        off += strides[d];
        if (idx[d] < shape[d]) {
          return;
        }
        off -= strides[d] * shape[d];
        idx[d] = 0;
      }
    }
  }
}
