package dev.mainspring.backend.cuda;

/**
 * Where {@link DeviceAllocator} gets its blocks: the CUDA driver on a GPU ({@link DriverDeviceMemory}),
 * or a fake in tests, so the caching logic is tested without a device.
 */
public interface DeviceMemory {
  /** Free and total bytes of the device, as {@code cuMemGetInfo} reports them. */
  record Info(long free, long total) {}

  /** A new block of exactly {@code bytes}; 0 when the device is out of memory. */
  long allocate(long bytes);

  void free(long pointer);

  Info info();
}
