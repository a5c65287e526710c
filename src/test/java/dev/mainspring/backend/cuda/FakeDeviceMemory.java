package dev.mainspring.backend.cuda;

import java.util.HashMap;
import java.util.Map;

/** A device of a given capacity for allocator tests: hands out distinct addresses and checks frees. */
final class FakeDeviceMemory implements DeviceMemory {
  private final long capacity;
  private final Map<Long, Long> live = new HashMap<>();
  private long used;
  private long next = 0x7000_0000_0000L;
  int allocations;
  int frees;
  int refusals;

  FakeDeviceMemory(long capacity) {
    this.capacity = capacity;
  }

  @Override
  public long allocate(long bytes) {
    if (used + bytes > capacity) {
      refusals++;
      return 0;
    }
    long p = next;
    next += bytes + 4096;
    live.put(p, bytes);
    used += bytes;
    allocations++;
    return p;
  }

  @Override
  public void free(long pointer) {
    Long bytes = live.remove(pointer);
    if (bytes == null) {
      throw new AssertionError("free of a pointer the device did not hand out (or freed twice): " + pointer);
    }
    used -= bytes;
    frees++;
  }

  @Override
  public Info info() {
    return new Info(capacity - used, capacity);
  }

  long used() {
    return used;
  }

  int liveBlocks() {
    return live.size();
  }
}
