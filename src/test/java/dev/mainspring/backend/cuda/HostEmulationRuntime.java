package dev.mainspring.backend.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link DeviceRuntime} without a GPU, for checking what the kernels compute on a machine that has
 * none: the very {@code cuda/*.cu} sources compiled as C++ with {@code cuda/host-emulation.h} (g++),
 * "device" memory in native host memory, and each launch played on the calling thread by
 * {@code ms_emu_launch} (host-emulation.h): block after block, each with its real number of threads
 * as fibers, calling the kernel through libffi with the launch's {@code kernelParams}. The Cuda* tests
 * use it where no GPU is usable (see {@link GpuCompare#EMULATE}); GEMMs run on {@link HostEmulationBlas};
 * no cuDNN or events (those tests skip).
 */
final class HostEmulationRuntime implements DeviceRuntime {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Path SOURCES = Path.of("cuda");
  /** Kernels that exist only to test the emulation itself (EmulationRulesTest). */
  private static final Path TEST_SOURCES = Path.of("src", "test", "cuda");

  private final Path dir;
  private final Map<Long, Arena> blocks = new HashMap<>();
  private final Map<String, SymbolLookup> libraries = new HashMap<>();
  private final Map<String, MemorySegment> kernels = new HashMap<>();
  private final Map<String, MethodHandle> launchers = new HashMap<>();
  private final Map<String, String> signatures = new HashMap<>();
  private final HostEmulationBlas blas = new HostEmulationBlas();

  HostEmulationRuntime() {
    try {
      dir = Files.createTempDirectory("mainspring-cuda-emulation");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Why the emulation cannot run here (no g++ or no kernel sources), or null. */
  static String unavailableReason() {
    if (!Files.isDirectory(SOURCES)) {
      return "no cuda/ sources in " + Path.of("").toAbsolutePath();
    }
    String arch = System.getProperty("os.arch");
    if (!arch.equals("amd64") && !arch.equals("x86_64")) {
      return "the emulation's fiber switch is x86-64 assembly; this JVM runs on " + arch;
    }
    try {
      Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return "g++ does not run";
      }
      Process ffi = new ProcessBuilder("g++", "-fsyntax-only", "-x", "c++", "-include", "ffi.h", "/dev/null")
          .redirectErrorStream(true).start();
      ffi.getInputStream().readAllBytes();
      return ffi.waitFor(30, TimeUnit.SECONDS) && ffi.exitValue() == 0 ? null
          : "no libffi headers for g++ (Debian: apt install libffi-dev)";
    } catch (IOException | InterruptedException e) {
      return "no g++: " + e.getMessage();
    }
  }

  private final DeviceMemory memory = new DeviceMemory() {
    @Override
    public synchronized long allocate(long bytes) {
      Arena a = Arena.ofShared();
      MemorySegment s = a.allocate(bytes, 256);
      s.fill((byte) 0x7f); // garbage-looking NaNs, so reads of unwritten memory show
      blocks.put(s.address(), a);
      return s.address();
    }

    @Override
    public synchronized void free(long pointer) {
      blocks.remove(pointer).close();
    }

    @Override
    public Info info() {
      return new Info(1L << 40, 1L << 40);
    }
  };

  @Override
  public DeviceMemory memory() {
    return memory;
  }

  @Override
  public void bindThread() {}

  private static MemorySegment at(long address, long bytes) {
    return MemorySegment.ofAddress(address).reinterpret(bytes);
  }

  @Override
  public void upload(long destination, MemorySegment source) {
    MemorySegment.copy(source, 0, at(destination, source.byteSize()), 0, source.byteSize());
  }

  @Override
  public void download(MemorySegment destination, long source) {
    MemorySegment.copy(at(source, destination.byteSize()), 0, destination, 0, destination.byteSize());
  }

  @Override
  public void copy(long destination, long source, long bytes) {
    MemorySegment.copy(at(source, bytes), 0, at(destination, bytes), 0, bytes);
  }

  @Override
  public void memset32(long destination, int value, long count) {
    MemorySegment s = at(destination, 4 * count);
    for (long i = 0; i < count; i++) {
      s.setAtIndex(ValueLayout.JAVA_INT, i, value);
    }
  }

  @Override
  public synchronized void launch(String module, String name, int grid, int block, int sharedBytes,
      KernelArgs args) {
    SymbolLookup lib = libraries.computeIfAbsent(module, this::compile);
    MemorySegment fn = kernels.computeIfAbsent(module + "/" + name, k -> lib.find(name).orElseThrow(
        () -> new IllegalArgumentException("kernel " + module + "/" + name + " not found")));
    MethodHandle play = launchers.computeIfAbsent(module, m -> LINKER.downcallHandle(
        lib.find("ms_emu_launch").orElseThrow(),
        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS)));
    KernelArgs.Kind[] kinds = args.kinds();
    checkSignature(module, name, lib, kinds);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment kindCodes = arena.allocate(ValueLayout.JAVA_INT, Math.max(1, kinds.length));
      for (int i = 0; i < kinds.length; i++) {
        kindCodes.setAtIndex(ValueLayout.JAVA_INT, i, switch (kinds[i]) {
          case PTR, I64 -> 0;
          case I32 -> 1;
          case F32 -> 2;
          case F64 -> 3;
        });
      }
      MemorySegment error = (MemorySegment) play.invokeExact(fn, grid, block, sharedBytes, kinds.length, kindCodes,
          args.pointerArray());
      if (!error.equals(MemorySegment.NULL)) {
        throw new IllegalStateException("emulated " + module + "/" + name + " (grid " + grid + ", block " + block
            + ", shared " + sharedBytes + " B): " + error.reinterpret(1024).getString(0));
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("emulated " + module + "/" + name + " failed", t);
    }
  }

  private static final Pattern KERNEL = Pattern.compile("extern\\s+\"C\"\\s+__global__\\s+void\\s+(\\w+)\\s*\\(");

  /**
   * Compiles {@code module}.cu with, per kernel, an {@code ms_emu_signature_<name>} function that
   * spells the kernel's parameter kinds as the compiler sees them, so launches can be checked against
   * the declaration (the driver cannot check that on a GPU).
   */
  private SymbolLookup compile(String module) {
    Path src = SOURCES.resolve(module + ".cu");
    if (!Files.exists(src)) {
      src = TEST_SOURCES.resolve(module + ".cu");
    }
    Path unit = dir.resolve(module + ".emulation.cpp");
    Path lib = dir.resolve(module + ".so");
    try {
      StringBuilder cpp = new StringBuilder("#include \"" + src.toAbsolutePath() + "\"\n");
      Matcher m = KERNEL.matcher(Files.readString(src));
      while (m.find()) {
        cpp.append("extern \"C\" const char* ms_emu_signature_").append(m.group(1))
            .append("() { return ms_emu::signature(&").append(m.group(1)).append("); }\n");
      }
      Files.writeString(unit, cpp);
      Process p = new ProcessBuilder("g++", "-O1", "-shared", "-fPIC", "-std=c++17", "-w", "-include",
          SOURCES.resolve("host-emulation.h").toString(), "-I", SOURCES.toString(), unit.toString(), "-lffi", "-o",
          lib.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IllegalStateException("g++ failed on " + src + ":\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return SymbolLookup.libraryLookup(lib, Arena.global());
  }

  /** Fails unless {@code kinds} are the parameter kinds {@code module}.cu declares for {@code name}. */
  private void checkSignature(String module, String name, SymbolLookup lib, KernelArgs.Kind[] kinds) {
    String declared = signatures.computeIfAbsent(module + "/" + name, k -> {
      MemorySegment fn = lib.find("ms_emu_signature_" + name).orElseThrow(() -> new IllegalArgumentException(
          "kernel " + module + "/" + name + " is not declared extern \"C\" __global__ in its .cu file"));
      try {
        MemorySegment text = (MemorySegment) LINKER.downcallHandle(fn, FunctionDescriptor.of(ValueLayout.ADDRESS))
            .invokeExact();
        return text.reinterpret(256).getString(0);
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    });
    StringBuilder launched = new StringBuilder();
    for (KernelArgs.Kind k : kinds) {
      launched.append(switch (k) {
        case PTR -> 'P';
        case I64 -> 'L';
        case I32 -> 'I';
        case F32 -> 'F';
        case F64 -> 'D';
      });
    }
    if (!declared.contentEquals(launched)) {
      throw new IllegalStateException("kernel " + module + "/" + name + " launched with arguments " + launched
          + " but declared with " + declared + " (P pointer, L 64-bit integer, I 32-bit integer, F float, D double)");
    }
  }

  @Override
  public int gridFor(long n, int blockThreads) {
    return CudaModules.gridFor(n, blockThreads, 64);
  }

  @Override
  public void synchronize() {}

  @Override
  public DeviceBlas blas() {
    return blas;
  }

  @Override
  public CudaDevice device() {
    return null;
  }

  @Override
  public void close() {}
}
