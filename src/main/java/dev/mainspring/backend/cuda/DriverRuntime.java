package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cuda.CudaCheck.check;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.lang.foreign.MemorySegment;

/** A GPU through the CUDA driver: its primary context and stream, pinned staging, the jar's kernel images. */
final class DriverRuntime implements DeviceRuntime {
  private final CudaDevice device;
  private final DriverDeviceMemory memory = new DriverDeviceMemory();
  private final PinnedStaging staging;
  private final CudaModules modules;
  private final CublasBlas blas;

  DriverRuntime(CudaDevice device) {
    this.device = device;
    this.staging = new PinnedStaging(device);
    this.modules = new CudaModules(device);
    this.blas = new CublasBlas(device);
  }

  @Override
  public DeviceMemory memory() {
    return memory;
  }

  @Override
  public void bindThread() {
    device.makeCurrent();
  }

  @Override
  public void upload(long destination, MemorySegment source) {
    staging.upload(destination, source);
  }

  @Override
  public void download(MemorySegment destination, long source) {
    staging.download(destination, source);
  }

  @Override
  public void copy(long destination, long source, long bytes) {
    check(CudaDriver.cuMemcpyDtoDAsync_v2(destination, source, bytes, device.stream()),
        "cuMemcpyDtoDAsync_v2(" + bytes + " bytes)");
  }

  @Override
  public void memset32(long destination, int value, long count) {
    check(CudaDriver.cuMemsetD32Async(destination, value, count, device.stream()), "cuMemsetD32Async");
  }

  @Override
  public void launch(String module, String name, int grid, int block, int sharedBytes, KernelArgs args) {
    CudaKernel k = modules.kernel(module, name, args.kinds());
    modules.launch(k, grid, block, sharedBytes, args);
  }

  @Override
  public int gridFor(long n, int blockThreads) {
    return modules.gridFor(n, blockThreads);
  }

  @Override
  public void synchronize() {
    device.synchronize();
  }

  @Override
  public DeviceBlas blas() {
    return blas;
  }

  @Override
  public CudaDevice device() {
    return device;
  }

  @Override
  public void close() {
    try {
      blas.close();
      modules.close();
      staging.close();
    } finally {
      device.close();
    }
  }
}
