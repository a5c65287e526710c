package dev.mainspring.tensor;

/**
 * A block of memory owned by a backend: off-heap host memory on the CPU, a device pointer on CUDA.
 * Tensors view storages; {@link Scope}s (or parameter owners) release them. Never the GC.
 */
public interface Storage {
  Backend backend();

  DType dtype();

  /** Capacity in elements of {@link #dtype()}. */
  long capacity();

  /** Returns the memory to the backend's allocator. Idempotent. */
  void release();

  boolean isReleased();
}
