package dev.mainspring.bindings;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One shared library opened for FFM downcalls, or the reason it could not be. Unlike the
 * {@code SymbolLookup} jextract generates, an absent library never fails class initialisation: its
 * downcall handles throw {@link NativeUnavailableException} with the reason when called, so probing
 * for CUDA on a machine without a driver is an ordinary, recoverable question.
 */
public final class NativeLibrary {
  private static final MethodHandle FAIL;

  static {
    try {
      FAIL = MethodHandles.lookup().findStatic(NativeLibrary.class, "fail",
          MethodType.methodType(Object.class, String.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String displayName;
  private final SymbolLookup lookup;
  private final String loadedFrom;
  private final String unavailableReason;

  private NativeLibrary(String displayName, SymbolLookup lookup, String loadedFrom, String reason) {
    this.displayName = displayName;
    this.lookup = lookup;
    this.loadedFrom = loadedFrom;
    this.unavailableReason = reason;
  }

  /**
   * Opens the first of {@code names} that the system loader finds (dlopen's search: LD_LIBRARY_PATH,
   * ld.so.cache, default folders), else the first of them found in {@code dirs}. A system property
   * {@code pathProperty} naming a file or library overrides the search.
   *
   * @param hint what the user should check when nothing loads, e.g. "is an NVIDIA driver installed?"
   */
  public static NativeLibrary load(
      String displayName, String pathProperty, List<String> names, List<Path> dirs, String hint) {
    String override = System.getProperty(pathProperty);
    if (override != null && !override.isBlank()) {
      try {
        return loaded(displayName, open(override), override);
      } catch (RuntimeException | LinkageError e) {
        return unavailable(displayName, override + " (from -D" + pathProperty + ") could not be loaded: "
            + describe(e));
      }
    }
    List<String> failures = new ArrayList<>();
    for (String name : names) {
      try {
        return loaded(displayName, open(name), name);
      } catch (RuntimeException | LinkageError e) {
        // Not on the loader path: try the folders below.
      }
    }
    for (Path dir : dirs) {
      for (String name : names) {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
          try {
            return loaded(displayName, open(file.toString()), file.toString());
          } catch (RuntimeException | LinkageError e) {
            failures.add(file + " exists but could not be loaded (" + describe(e) + ")");
          }
        }
      }
    }
    StringBuilder why = new StringBuilder(String.join(" or ", names)).append(" not found on the loader path");
    if (!dirs.isEmpty()) {
      why.append(" or in ").append(String.join(", ", dirs.stream().map(Path::toString).toList()));
    }
    if (!failures.isEmpty()) {
      why.append("; ").append(String.join("; ", failures));
    }
    why.append(" (").append(hint).append(')');
    return unavailable(displayName, why.toString());
  }

  /** A library that is known to be absent, e.g. for tests of the fallback paths. */
  public static NativeLibrary unavailable(String displayName, String reason) {
    return new NativeLibrary(displayName, null, null, reason);
  }

  private static NativeLibrary loaded(String displayName, SymbolLookup lookup, String from) {
    return new NativeLibrary(displayName, lookup, from, null);
  }

  private static SymbolLookup open(String nameOrPath) {
    // The global arena keeps the library mapped for the life of the JVM, as jextract's code does.
    return SymbolLookup.libraryLookup(nameOrPath, Arena.global());
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Folders where a CUDA toolkit keeps its libraries, for libraries (cuBLAS) that are often not on the
   * loader path: {@code $CUDA_HOME/lib64}, {@code $CUDA_PATH/lib64}, {@code /usr/local/cuda/lib64}, ...
   */
  public static List<Path> cudaToolkitLibraryDirs() {
    List<Path> candidates = new ArrayList<>();
    for (String env : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
      String root = System.getenv(env);
      if (root != null && !root.isBlank()) {
        candidates.add(Path.of(root, "lib64"));
        candidates.add(Path.of(root, "targets", "x86_64-linux", "lib"));
      }
    }
    for (String root : new String[] {"/usr/local/cuda", "/usr/local/cuda-13", "/usr/local/cuda-13.0"}) {
      candidates.add(Path.of(root, "lib64"));
      candidates.add(Path.of(root, "targets", "x86_64-linux", "lib"));
    }
    // Only folders that exist, once each (lib64 is usually a link to targets/.../lib).
    Set<Path> dirs = new LinkedHashSet<>();
    for (Path dir : candidates) {
      try {
        dirs.add(dir.toRealPath());
      } catch (IOException e) {
        // absent: nothing to search there
      }
    }
    return List.copyOf(dirs);
  }

  public boolean isLoaded() {
    return lookup != null;
  }

  /** Why the library is not loaded; null when it is. */
  public String unavailableReason() {
    return unavailableReason;
  }

  /** The name or path the library was opened by; null when not loaded. */
  public String loadedFrom() {
    return loadedFrom;
  }

  public String displayName() {
    return displayName;
  }

  /** The address of {@code symbol}, or {@link MemorySegment#NULL} when the library or symbol is absent. */
  public MemorySegment find(String symbol) {
    return lookup == null ? MemorySegment.NULL : lookup.find(symbol).orElse(MemorySegment.NULL);
  }

  /**
   * A downcall handle for the function at {@code address} (from {@link #find}). When the address is
   * NULL the handle has the same type but throws {@link NativeUnavailableException} saying why, so a
   * holder class can always be initialised.
   */
  public MethodHandle downcall(String symbol, MemorySegment address, FunctionDescriptor descriptor) {
    if (lookup == null) {
      return thrower(descriptor, displayName + " is not available: " + unavailableReason);
    }
    if (address.equals(MemorySegment.NULL)) {
      return thrower(descriptor, symbol + " is not exported by " + loadedFrom
          + " (an older " + displayName + " than Mainspring needs?)");
    }
    try {
      return Linker.nativeLinker().downcallHandle(address, descriptor);
    } catch (RuntimeException e) {
      // E.g. IllegalCallerException under --illegal-native-access=deny without --enable-native-access.
      return thrower(descriptor, "cannot call " + symbol + " in " + loadedFrom + ": " + describe(e));
    }
  }

  /** Throws {@link NativeUnavailableException} with the reason unless the library is loaded. */
  public void requireLoaded() {
    if (lookup == null) {
      throw new NativeUnavailableException(displayName + " is not available: " + unavailableReason);
    }
  }

  /** One line: where the library was loaded from, or why it was not. */
  public String describe() {
    return lookup != null ? "loaded from " + loadedFrom : "unavailable: " + unavailableReason;
  }

  private static MethodHandle thrower(FunctionDescriptor descriptor, String why) {
    MethodType type = descriptor.toMethodType();
    MethodHandle fail = MethodHandles.insertArguments(FAIL, 0, why)
        .asType(MethodType.methodType(type.returnType()));
    return MethodHandles.dropArguments(fail, 0, type.parameterList());
  }

  @SuppressWarnings("unused") // called through FAIL
  private static Object fail(String why) {
    throw new NativeUnavailableException(why);
  }
}
