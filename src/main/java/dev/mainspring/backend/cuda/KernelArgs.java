package dev.mainspring.backend.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Kernel arguments packed the way {@code cuLaunchKernel} takes them: a {@code void**} array whose
 * i-th entry points at the i-th argument's value. Each value has its own 8-byte slot, and the pointer
 * array is filled once when the buffers are made, so packing a launch is only a few stores and a
 * steady stream of launches allocates nothing. Reuse one instance per thread: {@link #clear()}, add
 * the arguments in the kernel's parameter order, launch.
 */
public final class KernelArgs {
  /** The C type of one kernel parameter. */
  public enum Kind {
    /** A device pointer ({@code float*}, ...): a {@code CUdeviceptr}, 8 bytes. */
    PTR,
    I32,
    I64,
    F32,
    /** A {@code double}, 8 bytes. */
    F64
  }

  /** More than any of our kernels takes; the driver's own limit is 32 KiB of parameters. */
  public static final int MAX_ARGS = 64;

  private static final long SLOT_BYTES = 8;

  private final MemorySegment values;
  private final MemorySegment pointers;
  private final Kind[] kinds = new Kind[MAX_ARGS];
  private int count;

  public KernelArgs() {
    // Host memory with the life of this object; device memory never lives here.
    Arena arena = Arena.ofAuto();
    values = arena.allocate(SLOT_BYTES * MAX_ARGS, SLOT_BYTES);
    pointers = arena.allocate(ValueLayout.ADDRESS, MAX_ARGS);
    for (int i = 0; i < MAX_ARGS; i++) {
      pointers.setAtIndex(ValueLayout.ADDRESS, i, values.asSlice(i * SLOT_BYTES, SLOT_BYTES));
    }
  }

  public KernelArgs clear() {
    count = 0;
    return this;
  }

  public KernelArgs ptr(long devicePointer) {
    slot(Kind.PTR).set(ValueLayout.JAVA_LONG, 0, devicePointer);
    return this;
  }

  public KernelArgs i32(int value) {
    slot(Kind.I32).set(ValueLayout.JAVA_INT, 0, value);
    return this;
  }

  public KernelArgs i64(long value) {
    slot(Kind.I64).set(ValueLayout.JAVA_LONG, 0, value);
    return this;
  }

  public KernelArgs f32(float value) {
    slot(Kind.F32).set(ValueLayout.JAVA_FLOAT, 0, value);
    return this;
  }

  public KernelArgs f64(double value) {
    slot(Kind.F64).set(ValueLayout.JAVA_DOUBLE, 0, value);
    return this;
  }

  /** The value of argument {@code i} as a Java object of its kind (Long, Integer, Float or Double). */
  public Object value(int i) {
    MemorySegment v = values.asSlice(i * SLOT_BYTES, SLOT_BYTES);
    return switch (kinds[i]) {
      case PTR, I64 -> v.get(ValueLayout.JAVA_LONG, 0);
      case I32 -> v.get(ValueLayout.JAVA_INT, 0);
      case F32 -> v.get(ValueLayout.JAVA_FLOAT, 0);
      case F64 -> v.get(ValueLayout.JAVA_DOUBLE, 0);
    };
  }

  private MemorySegment slot(Kind kind) {
    if (count == MAX_ARGS) {
      throw new IllegalStateException("a kernel launch takes at most " + MAX_ARGS + " arguments");
    }
    kinds[count] = kind;
    // Clear the slot so a 4-byte value never carries stale high bytes from an earlier launch.
    MemorySegment slot = values.asSlice(count++ * SLOT_BYTES, SLOT_BYTES);
    slot.set(ValueLayout.JAVA_LONG, 0, 0L);
    return slot;
  }

  public int count() {
    return count;
  }

  /** The kinds added since the last {@link #clear()}, in order. */
  public Kind[] kinds() {
    return Arrays.copyOf(kinds, count);
  }

  /** Whether the arguments added match {@code signature} kind for kind. */
  boolean matches(Kind[] signature) {
    return Arrays.equals(kinds, 0, count, signature, 0, signature.length);
  }

  /** The {@code void**} to pass as {@code kernelParams}. */
  public MemorySegment pointerArray() {
    return pointers;
  }
}
