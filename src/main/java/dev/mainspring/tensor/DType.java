package dev.mainspring.tensor;

/**
 * Element types. F32 is what models run in; F64 exists so gradient checks can run the very same
 * CPU kernels in double precision; I32 holds indices (gather/scatter targets, masks as ints).
 */
public enum DType {
  F32(4),
  F64(8),
  I32(4);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  public int bytes() {
    return bytes;
  }

  public boolean isFloating() {
    return this != I32;
  }
}
