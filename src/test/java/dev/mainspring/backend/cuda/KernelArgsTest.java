package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.backend.cuda.KernelArgs.Kind;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The void** that cuLaunchKernel reads, checked by following its pointers as the driver would. */
class KernelArgsTest {
  private static MemorySegment target(KernelArgs args, int i) {
    return args.pointerArray().getAtIndex(ValueLayout.ADDRESS, i).reinterpret(8);
  }

  @Test
  void eachPointerLeadsToItsArgumentsValue() {
    KernelArgs args = new KernelArgs().ptr(0x7f00_1234_5600L).f32(2.5f).i64(1_000_003L).i32(-7);
    assertEquals(4, args.count());
    assertArrayEquals(new Kind[] {Kind.PTR, Kind.F32, Kind.I64, Kind.I32}, args.kinds());
    assertEquals(0x7f00_1234_5600L, target(args, 0).get(ValueLayout.JAVA_LONG, 0));
    assertEquals(2.5f, target(args, 1).get(ValueLayout.JAVA_FLOAT, 0));
    assertEquals(1_000_003L, target(args, 2).get(ValueLayout.JAVA_LONG, 0));
    assertEquals(-7, target(args, 3).get(ValueLayout.JAVA_INT, 0));
    for (int i = 0; i < 4; i++) {
      assertEquals(0, target(args, i).address() % 8, "slot " + i + " is 8-byte aligned");
      if (i > 0) {
        assertNotEquals(target(args, i - 1).address(), target(args, i).address());
      }
    }
  }

  @Test
  void clearingReusesTheSameBuffersWithoutStaleBytes() {
    KernelArgs args = new KernelArgs().i64(-1L);
    MemorySegment firstSlot = target(args, 0);
    args.clear().i32(5);
    assertEquals(1, args.count());
    assertEquals(firstSlot.address(), target(args, 0).address());
    // The 4-byte value's slot has no leftover high bytes from the earlier -1L.
    assertEquals(5L, target(args, 0).get(ValueLayout.JAVA_LONG, 0));
  }

  @Test
  void signaturesMatchKindForKind() {
    KernelArgs args = new KernelArgs().ptr(1).f32(1f).i64(3);
    assertTrue(args.matches(new Kind[] {Kind.PTR, Kind.F32, Kind.I64}));
    assertFalse(args.matches(new Kind[] {Kind.PTR, Kind.I32, Kind.I64}));
    assertFalse(args.matches(new Kind[] {Kind.PTR, Kind.F32}));
    assertFalse(args.matches(new Kind[] {Kind.PTR, Kind.F32, Kind.I64, Kind.I64}));
  }

  @Test
  void tooManyArgumentsAreRefused() {
    KernelArgs args = new KernelArgs();
    for (int i = 0; i < KernelArgs.MAX_ARGS; i++) {
      args.i32(i);
    }
    assertThrows(IllegalStateException.class, () -> args.i32(0));
  }

  @Test
  void gridsCoverTheElementsUpToTheCap() {
    assertEquals(4, CudaModules.gridFor(1000, 256, 1000));
    assertEquals(3907, CudaModules.gridFor(1_000_003, 256, 10_000));
    assertEquals(1000, CudaModules.gridFor(1_000_003, 256, 1000));
    assertEquals(1, CudaModules.gridFor(0, 256, 1000));
    assertEquals(1, CudaModules.gridFor(1, 1024, 1000));
    assertThrows(IllegalArgumentException.class, () -> CudaModules.gridFor(10, 0, 5));
  }
}
