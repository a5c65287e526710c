package dev.mainspring.backend.cuda;

/** The device could not supply a block even after the allocator gave back everything it had cached. */
public class DeviceOutOfMemoryException extends RuntimeException {
  private final long requestedBytes;

  public DeviceOutOfMemoryException(String message, long requestedBytes) {
    super(message);
    this.requestedBytes = requestedBytes;
  }

  public long requestedBytes() {
    return requestedBytes;
  }
}
