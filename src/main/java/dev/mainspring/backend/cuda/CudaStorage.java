package dev.mainspring.backend.cuda;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Storage;

/** Device memory for one tensor storage: a block of the backend's caching {@link DeviceAllocator}. */
final class CudaStorage implements Storage {
  private final CudaBackend backend;
  private final DeviceBlock block;
  private final DType dtype;
  private final long capacity;
  private boolean released;

  CudaStorage(CudaBackend backend, DeviceBlock block, DType dtype, long capacity) {
    this.backend = backend;
    this.block = block;
    this.dtype = dtype;
    this.capacity = capacity;
  }

  /** The device address of element 0. */
  long pointer() {
    if (released) {
      throw new IllegalStateException("use of a released " + dtype + " CUDA storage of " + capacity
          + " elements (a tensor outlived its Scope)");
    }
    return block.pointer();
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
      backend.allocator().release(block);
    }
  }

  @Override
  public boolean isReleased() {
    return released;
  }
}
