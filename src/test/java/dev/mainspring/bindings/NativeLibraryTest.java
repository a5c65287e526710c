package dev.mainspring.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryTest {
  private static final FunctionDescriptor INT_OF_INT = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);

  @Test
  void anAbsentLibrarySaysWhereItLookedAndWhatToCheck(@TempDir Path dir) throws Throwable {
    NativeLibrary lib = NativeLibrary.load("Test library", "mainspring.test.unset",
        List.of("libmainspring-absent.so.7"), List.of(dir), "is the test library installed?");
    assertFalse(lib.isLoaded());
    assertTrue(lib.unavailableReason().contains("libmainspring-absent.so.7 not found on the loader path"),
        lib.unavailableReason());
    assertTrue(lib.unavailableReason().contains(dir.toString()), lib.unavailableReason());
    assertTrue(lib.unavailableReason().endsWith("(is the test library installed?)"), lib.unavailableReason());
    assertEquals(MemorySegment.NULL, lib.find("anything"));

    MethodHandle h = lib.downcall("anything", lib.find("anything"), INT_OF_INT);
    assertEquals(INT_OF_INT.toMethodType(), h.type());
    NativeUnavailableException e = assertThrows(NativeUnavailableException.class, () -> {
      int unused = (int) h.invokeExact(1);
    });
    assertTrue(e.getMessage().startsWith("Test library is not available: libmainspring-absent.so.7"), e.getMessage());
  }

  @Test
  void throwingHandlesKeepVoidAndPointerTypes() {
    NativeLibrary lib = NativeLibrary.unavailable("X", "gone");
    FunctionDescriptor voidFn = FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    MethodHandle v = lib.downcall("f", MemorySegment.NULL, voidFn);
    assertEquals(voidFn.toMethodType(), v.type());
    assertThrows(NativeUnavailableException.class, () -> {
      v.invokeExact(MemorySegment.NULL, 3L);
    });
    FunctionDescriptor ptrFn = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_DOUBLE);
    MethodHandle p = lib.downcall("g", MemorySegment.NULL, ptrFn);
    assertThrows(NativeUnavailableException.class, () -> {
      MemorySegment unused = (MemorySegment) p.invokeExact(1.0);
    });
  }

  @Test
  void aFileThatExistsButDoesNotLoadIsReportedAsSuch(@TempDir Path dir) throws Exception {
    // An executable is an ELF file that dlopen refuses.
    Files.copy(Path.of("/bin/true"), dir.resolve("libmainspring-junk.so.1"));
    NativeLibrary lib = NativeLibrary.load("Junk", "mainspring.test.unset",
        List.of("libmainspring-junk.so.1"), List.of(dir), "hint");
    assertFalse(lib.isLoaded());
    assertTrue(lib.unavailableReason().contains("exists but could not be loaded"), lib.unavailableReason());
  }

  @Test
  void thePathPropertyOverridesTheSearch() {
    System.setProperty("mainspring.test.libpath", "/nonexistent/libmainspring-x.so");
    try {
      NativeLibrary lib = NativeLibrary.load("X", "mainspring.test.libpath", List.of("libc.so.6"), List.of(), "hint");
      assertFalse(lib.isLoaded(), "the override must win over a library that would load");
      assertTrue(lib.unavailableReason().contains("-Dmainspring.test.libpath"), lib.unavailableReason());
    } finally {
      System.clearProperty("mainspring.test.libpath");
    }
  }

  @Test
  void aLoadedLibraryCallsThroughAndNamesAMissingSymbol() throws Throwable {
    NativeLibrary libc = NativeLibrary.load("C library", "mainspring.test.unset", List.of("libc.so.6"), List.of(), "?");
    assertTrue(libc.isLoaded(), libc.describe());
    FunctionDescriptor strlen = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS);
    MethodHandle h = libc.downcall("strlen", libc.find("strlen"), strlen);
    try (Arena arena = Arena.ofConfined()) {
      assertEquals(5L, (long) h.invokeExact(arena.allocateFrom("hello")));
    }
    MethodHandle missing = libc.downcall("mainspring_no_such_symbol", libc.find("mainspring_no_such_symbol"), strlen);
    NativeUnavailableException e = assertThrows(NativeUnavailableException.class, () -> {
      long unused = (long) missing.invokeExact(MemorySegment.NULL);
    });
    assertTrue(e.getMessage().contains("mainspring_no_such_symbol is not exported by libc.so.6"), e.getMessage());
  }
}
