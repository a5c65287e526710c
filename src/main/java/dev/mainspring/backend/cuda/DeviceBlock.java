package dev.mainspring.backend.cuda;

/**
 * A block of device memory lent by {@link DeviceAllocator}: at least {@link #bytes()} usable bytes at
 * {@link #pointer()}. Give it back with {@link DeviceAllocator#release}; it must not be used after.
 */
public final class DeviceBlock {
  private final long pointer;
  private final long bytes;
  private final long capacity;
  private boolean live = true;

  DeviceBlock(long pointer, long bytes, long capacity) {
    this.pointer = pointer;
    this.bytes = bytes;
    this.capacity = capacity;
  }

  /** The {@code CUdeviceptr}. */
  public long pointer() {
    if (!live) {
      throw new IllegalStateException("device block used after release");
    }
    return pointer;
  }

  /** The bytes asked for. */
  public long bytes() {
    return bytes;
  }

  /** The bytes reserved: the size class of the request. */
  public long capacity() {
    return capacity;
  }

  public boolean isLive() {
    return live;
  }

  long rawPointer() {
    return pointer;
  }

  void markReleased() {
    live = false;
  }
}
