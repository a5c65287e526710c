package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The caching logic against a fake device: reuse, steady state, counters and running out. */
class DeviceAllocatorTest {
  private static final long MIB = 1 << 20;

  @Test
  void aReleasedBlockServesTheNextRequestOfItsClass() {
    FakeDeviceMemory device = new FakeDeviceMemory(100 * MIB);
    DeviceAllocator alloc = new DeviceAllocator(device);
    DeviceBlock a = alloc.allocate(1000);
    long pointer = a.pointer();
    assertEquals(1024, a.capacity());
    assertEquals(1000, a.bytes());
    alloc.release(a);
    DeviceBlock b = alloc.allocate(900); // the same 1 KiB class
    assertEquals(pointer, b.pointer());
    DeviceBlock c = alloc.allocate(2000); // another class: a new driver block
    assertTrue(c.pointer() != pointer);
    AllocatorStats s = alloc.stats();
    assertEquals(2, s.driverAllocations());
    assertEquals(1, s.cacheHits());
    assertEquals(2, device.allocations);
  }

  @Test
  void aSteadyTrainingStepMakesNoDriverAllocationsAfterWarmUp() {
    FakeDeviceMemory device = new FakeDeviceMemory(1L << 34);
    DeviceAllocator alloc = new DeviceAllocator(device);
    long[] sizes = {4_000_012, 4_000_012, 37 * 19 * 4, 1 << 20, 123, 4096, 300 * 64 * 4, 300 * 64 * 4,
        16L * 300 * 300 * 4, 7, 4096, 1_000_003L * 8};
    long afterWarmUp = -1;
    for (int step = 0; step < 12; step++) {
      List<DeviceBlock> held = new ArrayList<>();
      for (int i = 0; i < sizes.length; i++) {
        held.add(alloc.allocate(sizes[i]));
        if (i % 3 == 2) {
          alloc.release(held.remove(held.size() - 2)); // a temporary dies mid-step
        }
      }
      held.forEach(alloc::release);
      if (step == 0) {
        afterWarmUp = alloc.stats().driverAllocations();
      }
    }
    AllocatorStats s = alloc.stats();
    assertEquals(afterWarmUp, s.driverAllocations(), "driver allocations after warm-up");
    assertEquals(afterWarmUp, device.allocations);
    assertTrue(s.cacheHits() >= 11L * sizes.length, "every request after warm-up is a hit: " + s.cacheHits());
    assertEquals(0, s.bytesInUse());
    assertEquals(0, s.blocksInUse());
    assertEquals(device.used(), s.bytesCached(), "everything the device holds is cached for reuse");
  }

  @Test
  void countersFollowUseCacheAndPeaks() {
    DeviceAllocator alloc = new DeviceAllocator(new FakeDeviceMemory(100 * MIB));
    DeviceBlock a = alloc.allocate(MIB);
    DeviceBlock b = alloc.allocate(3 * MIB);
    assertEquals(4 * MIB, alloc.stats().bytesInUse());
    assertEquals(2, alloc.stats().blocksInUse());
    alloc.release(b);
    AllocatorStats s = alloc.stats();
    assertEquals(MIB, s.bytesInUse());
    assertEquals(3 * MIB, s.bytesCached());
    assertEquals(4 * MIB, s.peakBytesInUse());
    DeviceBlock c = alloc.allocate(2 * MIB); // not the cached 3 MiB class: in use 3, cached 3
    assertEquals(6 * MIB, alloc.stats().peakBytesReserved());
    assertEquals(3 * MIB, alloc.releaseCache());
    assertEquals(0, alloc.stats().bytesCached());
    assertEquals(1, alloc.stats().driverFrees());
    alloc.release(a);
    alloc.release(c);
  }

  @Test
  void runningOutGivesTheCacheBackAndRetriesOnce() {
    FakeDeviceMemory device = new FakeDeviceMemory(10 * MIB);
    DeviceAllocator alloc = new DeviceAllocator(device);
    alloc.release(alloc.allocate(8 * MIB));
    assertEquals(8 * MIB, alloc.stats().bytesCached());
    DeviceBlock b = alloc.allocate(6 * MIB); // fits only once the cached 8 MiB are freed
    assertEquals(1, device.refusals);
    assertEquals(1, alloc.stats().driverFrees());
    assertEquals(0, alloc.stats().bytesCached());
    assertEquals(6 * MIB, device.used());
    alloc.release(b);
  }

  @Test
  void runningOutForGoodSaysWhatWasAskedAndWhatIsFree() {
    FakeDeviceMemory device = new FakeDeviceMemory(10 * MIB);
    DeviceAllocator alloc = new DeviceAllocator(device);
    DeviceBlock held = alloc.allocate(8 * MIB);
    alloc.release(alloc.allocate(MIB)); // 1 MiB cached, given back before the retry
    DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class, () -> alloc.allocate(4 * MIB));
    assertEquals(4 * MIB, e.requestedBytes());
    String m = e.getMessage();
    assertTrue(m.contains("requested 4.00 MiB"), m);
    assertTrue(m.contains("the device has 2.00 MiB free of 10.00 MiB"), m);
    assertTrue(m.contains("gave back 1.00 MiB of cached blocks"), m);
    assertTrue(m.contains("Mainspring holds 8.00 MiB in 1 live blocks"), m);
    assertEquals(2, device.refusals, "one try, one retry");
    alloc.release(held);
  }

  @Test
  void blocksCannotBeReleasedTwiceOrUsedAfterRelease() {
    DeviceAllocator alloc = new DeviceAllocator(new FakeDeviceMemory(MIB));
    DeviceBlock a = alloc.allocate(100);
    alloc.release(a);
    assertThrows(IllegalStateException.class, () -> alloc.release(a));
    assertThrows(IllegalStateException.class, a::pointer);
    assertThrows(IllegalArgumentException.class, () -> alloc.allocate(-5));
  }

  @Test
  void closingFreesTheCacheAndLaterReleasesGoStraightToTheDevice() {
    FakeDeviceMemory device = new FakeDeviceMemory(100 * MIB);
    DeviceAllocator alloc = new DeviceAllocator(device);
    DeviceBlock live = alloc.allocate(MIB);
    alloc.release(alloc.allocate(2 * MIB));
    alloc.close();
    assertEquals(1, device.liveBlocks());
    assertEquals(1, alloc.stats().blocksInUse(), "a leak shows in the stats");
    alloc.release(live);
    assertEquals(0, device.liveBlocks());
    assertThrows(IllegalStateException.class, () -> alloc.allocate(1));
  }
}
