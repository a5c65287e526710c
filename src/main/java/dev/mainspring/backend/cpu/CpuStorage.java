package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Storage;
import java.lang.foreign.MemorySegment;

/** Off-heap host memory for one tensor storage, handed out by {@link CpuAllocator}. */
final class CpuStorage implements Storage {
  private final CpuBackend backend;
  private final CpuAllocator.Block block;
  private final DType dtype;
  private final long capacity;
  private boolean released;

  CpuStorage(CpuBackend backend, CpuAllocator.Block block, DType dtype, long capacity) {
    this.backend = backend;
    this.block = block;
    this.dtype = dtype;
    this.capacity = capacity;
  }

  MemorySegment segment() {
    if (released) {
      throw new IllegalStateException("use of a released " + dtype + " storage of " + capacity
          + " elements (a tensor outlived its Scope)");
    }
    return block.segment();
  }

  @Override
  public Backend backend() {
    return backend;
  }

  @Override
  public DType dtype() {
    return dtype;
  }

  @Override
  public long capacity() {
    return capacity;
  }

  @Override
  public synchronized void release() {
    if (!released) {
      released = true;
      backend.allocator().free(block);
    }
  }

  @Override
  public boolean isReleased() {
    return released;
  }
}
