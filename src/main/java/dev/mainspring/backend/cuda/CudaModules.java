package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static dev.mainspring.bindings.cuda.CudaDriver.C_POINTER;

import dev.mainspring.bindings.cuda.CudaCheck;
import dev.mainspring.bindings.cuda.CudaDriver;
import dev.mainspring.bindings.cuda.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The jar's kernel images loaded into a device's context: each {@code cuda/NAME.cu} fatbin is loaded
 * once with {@code cuModuleLoadData} when a kernel of it is first asked for, and kernel lookups are
 * cached by name. {@link #launch} queues a kernel on the device's stream.
 */
public final class CudaModules implements AutoCloseable {
  private final CudaDevice device;
  private final Map<String, MemorySegment> modules = new LinkedHashMap<>();
  private final Map<String, CudaKernel> kernels = new HashMap<>();
  private final Arena arena = Arena.ofShared();

  public CudaModules(CudaDevice device) {
    this.device = device;
  }

  /**
   * The kernel {@code name} from the packed image {@code module} (the {@code .cu} file's base name),
   * declared with its parameter kinds in order.
   */
  public synchronized CudaKernel kernel(String module, String name, KernelArgs.Kind... signature) {
    String key = module + "/" + name;
    CudaKernel known = kernels.get(key);
    if (known != null) {
      if (!Arrays.equals(known.signature(), signature)) {
        throw new IllegalArgumentException("kernel " + key + " was declared as " + Arrays.toString(known.signature())
            + ", now as " + Arrays.toString(signature));
      }
      return known;
    }
    MemorySegment hmod = module(module);
    MemorySegment out = arena.allocate(C_POINTER);
    int rc = CudaDriver.cuModuleGetFunction(out, hmod, arena.allocateFrom(name));
    if (rc != 0) {
      throw new CudaException("cuModuleGetFunction(" + key + ")", rc, CudaCheck.DRIVER_TEXT);
    }
    CudaKernel kernel = new CudaKernel(module, name, out.get(C_POINTER, 0), signature);
    kernels.put(key, kernel);
    return kernel;
  }

  private MemorySegment module(String module) {
    MemorySegment hmod = modules.get(module);
    if (hmod == null) {
      byte[] image = KernelImages.load(module);
      MemorySegment imageCopy = arena.allocate(image.length, 16);
      MemorySegment.copy(image, 0, imageCopy, ValueLayout.JAVA_BYTE, 0, image.length);
      MemorySegment out = arena.allocate(C_POINTER);
      int rc = CudaDriver.cuModuleLoadData(out, imageCopy);
      if (rc != 0) {
        throw new CudaException("cuModuleLoadData(kernels/" + module + ".fatbin, " + image.length + " bytes, for "
            + device.info().name() + " sm_" + device.info().computeMajor() + device.info().computeMinor() + ")",
            rc, CudaCheck.DRIVER_TEXT);
      }
      hmod = out.get(C_POINTER, 0);
      modules.put(module, hmod);
    }
    return hmod;
  }

  /**
   * Queues {@code kernel} on the device's stream with a 1-D grid. Errors the driver finds at launch
   * (bad configuration, too many resources) name the kernel; faults inside it surface at the next
   * synchronisation.
   */
  public void launch(CudaKernel kernel, int gridBlocks, int blockThreads, int sharedBytes, KernelArgs args) {
    if (!args.matches(kernel.signature())) {
      throw new IllegalArgumentException("kernel " + kernel + " launched with arguments "
          + Arrays.toString(args.kinds()));
    }
    int rc = CudaDriver.cuLaunchKernel(kernel.function(), gridBlocks, 1, 1, blockThreads, 1, 1, sharedBytes,
        device.stream(), args.pointerArray(), MemorySegment.NULL);
    if (rc != 0) {
      throw new CudaException("cuLaunchKernel(" + kernel.module() + "/" + kernel.name() + ", grid " + gridBlocks
          + ", block " + blockThreads + ", shared " + sharedBytes + " B)", rc, CudaCheck.DRIVER_TEXT);
    }
  }

  /**
   * Blocks for a grid-stride kernel over {@code n} elements: enough to cover them once, capped at
   * {@code maxBlocks} (a few waves of the device's SMs) since each thread loops over the rest.
   */
  public static int gridFor(long n, int blockThreads, int maxBlocks) {
    if (n < 0 || blockThreads <= 0 || maxBlocks <= 0) {
      throw new IllegalArgumentException("n=" + n + ", block=" + blockThreads + ", maxBlocks=" + maxBlocks);
    }
    long blocks = (n + blockThreads - 1) / blockThreads;
    return (int) Math.max(1, Math.min(blocks, maxBlocks));
  }

  /** {@link #gridFor(long, int, int)} capped at 32 blocks per SM of this device. */
  public int gridFor(long n, int blockThreads) {
    return gridFor(n, blockThreads, 32 * device.info().multiprocessors());
  }

  @Override
  public synchronized void close() {
    try {
      for (Map.Entry<String, MemorySegment> m : modules.entrySet()) {
        check(CudaDriver.cuModuleUnload(m.getValue()), "cuModuleUnload(" + m.getKey() + ")");
      }
    } finally {
      modules.clear();
      kernels.clear();
      arena.close();
    }
  }
}
