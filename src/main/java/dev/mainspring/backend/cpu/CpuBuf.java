package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Element access to a CPU tensor in double precision whatever its dtype, so each reference kernel
 * is written once and runs in F32 for training and in F64 for gradient checks. Hot kernels add an
 * F32 fast path beside it ({@link #isF32()}, {@link #seg()}).
 */
public final class CpuBuf {
  private final MemorySegment seg;
  private final DType dtype;
  private final long size;

  private CpuBuf(MemorySegment seg, DType dtype, long size) {
    this.seg = seg;
    this.dtype = dtype;
    this.size = size;
  }

  public static CpuBuf of(Tensor t) {
    long b = t.dtype().bytes();
    MemorySegment s = CpuBackend.segment(t.storage()).asSlice(t.offset() * b, t.numel() * b);
    return new CpuBuf(s, t.dtype(), t.numel());
  }

  /** Null-tolerant variant for optional inputs (masks, biases). */
  public static CpuBuf ofNullable(Tensor t) {
    return t == null ? null : of(t);
  }

  public double get(long i) {
    return switch (dtype) {
      case F32 -> seg.getAtIndex(ValueLayout.JAVA_FLOAT, i);
      case F64 -> seg.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
      case I32 -> seg.getAtIndex(ValueLayout.JAVA_INT, i);
    };
  }

  public void set(long i, double v) {
    switch (dtype) {
      case F32 -> seg.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
      case F64 -> seg.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
      case I32 -> seg.setAtIndex(ValueLayout.JAVA_INT, i, (int) v);
    }
  }

  public void add(long i, double v) {
    set(i, get(i) + v);
  }

  public int getInt(long i) {
    return dtype == DType.I32 ? seg.getAtIndex(ValueLayout.JAVA_INT, i) : (int) get(i);
  }

  public boolean isF32() {
    return dtype == DType.F32;
  }

  public DType dtype() {
    return dtype;
  }

  public MemorySegment seg() {
    return seg;
  }

  public long size() {
    return size;
  }
}
