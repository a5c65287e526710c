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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DeviceRuntime} without a GPU, for checking what the kernels compute on a machine that has
 * none: the very {@code cuda/*.cu} sources compiled as C++ with {@code cuda/host-emulation.h} (g++),
 * "device" memory in native host memory, and each launch run on the calling thread one block at a
 * time through an FFM downcall built from the arguments' kinds. Enabled in the Cuda* tests with
 * {@code -Dmainspring.cuda.emulate=true}; GEMMs run on {@link HostEmulationBlas}; no cuDNN or events
 * (those tests skip).
 */
final class HostEmulationRuntime implements DeviceRuntime {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Path SOURCES = Path.of("cuda");

  private final Path dir;
  private final Map<Long, Arena> blocks = new HashMap<>();
  private final Map<String, SymbolLookup> libraries = new HashMap<>();
  private final Map<String, MethodHandle> handles = new HashMap<>();
  private final Map<String, MethodHandle> setBlock = new HashMap<>();
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
    try {
      Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "g++ does not run";
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
    KernelArgs.Kind[] kinds = args.kinds();
    String key = module + "/" + name + java.util.Arrays.toString(kinds);
    MethodHandle h = handles.computeIfAbsent(key, k -> {
      MemoryLayout[] layouts = new MemoryLayout[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        layouts[i] = switch (kinds[i]) {
          case PTR, I64 -> ValueLayout.JAVA_LONG;
          case I32 -> ValueLayout.JAVA_INT;
          case F32 -> ValueLayout.JAVA_FLOAT;
          case F64 -> ValueLayout.JAVA_DOUBLE;
        };
      }
      MemorySegment fn = lib.find(name).orElseThrow(
          () -> new IllegalArgumentException("kernel " + module + "/" + name + " not found"));
      return LINKER.downcallHandle(fn, FunctionDescriptor.ofVoid(layouts));
    });
    MethodHandle set = setBlock.computeIfAbsent(module, m -> LINKER.downcallHandle(
        lib.find("ms_emu_set_block").orElseThrow(),
        FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)));
    Object[] values = new Object[kinds.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = args.value(i);
    }
    List<Object> list = java.util.Arrays.asList(values);
    try {
      for (int b = 0; b < grid; b++) {
        set.invokeExact(b, grid);
        h.invokeWithArguments(list);
      }
    } catch (Throwable t) {
      throw new IllegalStateException("emulated " + module + "/" + name + " failed", t);
    }
  }

  private SymbolLookup compile(String module) {
    Path src = SOURCES.resolve(module + ".cu");
    Path lib = dir.resolve(module + ".so");
    try {
      Process p = new ProcessBuilder("g++", "-O1", "-shared", "-fPIC", "-std=c++17", "-w", "-x", "c++",
          "-include", SOURCES.resolve("host-emulation.h").toString(), "-I", SOURCES.toString(), src.toString(),
          "-o", lib.toString()).redirectErrorStream(true).start();
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
