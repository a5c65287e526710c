package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaDriver.C_INT;

import dev.mainspring.bindings.NativeStatusException;
import dev.mainspring.bindings.NativeUnavailableException;
import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cuda.CudaCheck;
import dev.mainspring.bindings.cuda.CudaDriver;
import dev.mainspring.bindings.cudnn.Cudnn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers "can CUDA run here?" the way backend selection needs: {@code libcuda.so.1} loads,
 * {@code cuInit} succeeds and at least one device exists. Never throws; every failure becomes the
 * reason in the returned {@link CudaStatus}.
 */
public final class CudaProbe {
  private static volatile CudaStatus cached;

  private CudaProbe() {}

  /** The status of this machine, probed once per JVM (cuInit's answer does not change). */
  public static CudaStatus status() {
    CudaStatus s = cached;
    if (s == null) {
      s = probe();
      cached = s;
    }
    return s;
  }

  static CudaStatus probe() {
    if (!CudaDriver.LIBRARY.isLoaded()) {
      return CudaStatus.unavailable(CudaDriver.LIBRARY.unavailableReason(), 0);
    }
    int driverVersion = 0;
    try (Arena arena = Arena.ofConfined()) {
      int rc = CudaDriver.cuInit(0);
      if (rc != 0) {
        return CudaStatus.unavailable("cuInit failed: " + statusText(rc), 0);
      }
      MemorySegment value = arena.allocate(C_INT);
      CudaCheck.check(CudaDriver.cuDriverGetVersion(value), "cuDriverGetVersion");
      driverVersion = value.get(C_INT, 0);
      CudaCheck.check(CudaDriver.cuDeviceGetCount(value), "cuDeviceGetCount");
      int count = value.get(C_INT, 0);
      if (count == 0) {
        return CudaStatus.unavailable("the driver (CUDA " + driverVersion / 1000 + "." + (driverVersion % 1000) / 10
            + ") sees no CUDA device", driverVersion);
      }
      List<CudaDeviceInfo> devices = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        devices.add(CudaDeviceInfo.query(i));
      }
      return new CudaStatus(null, driverVersion, devices);
    } catch (NativeStatusException | NativeUnavailableException e) {
      return CudaStatus.unavailable(e.getMessage(), driverVersion);
    }
  }

  private static String statusText(int rc) {
    String name = CudaCheck.DRIVER_TEXT.name(rc);
    String message = CudaCheck.DRIVER_TEXT.message(rc);
    return (name == null ? "CUresult " + rc : name) + (message == null ? "" : " (" + message + ")");
  }

  /** One line about cuBLAS: where it loaded from, or why not. */
  public static String cublasSummary() {
    return Cublas.LIBRARY.describe();
  }

  /** One line about cuDNN: where it loaded from and its version, or why not. */
  public static String cudnnSummary() {
    if (!Cudnn.LIBRARY.isLoaded()) {
      return Cudnn.LIBRARY.describe();
    }
    try {
      long v = Cudnn.cudnnGetVersion();
      // cuDNN 9 encodes its version as 10000*major + 100*minor + patch.
      return Cudnn.LIBRARY.describe() + ", version " + v / 10000 + "." + (v % 10000) / 100 + "." + v % 100;
    } catch (NativeUnavailableException e) {
      return "unavailable: " + e.getMessage();
    }
  }
}
