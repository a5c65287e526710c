package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cudnn.Cudnn.C_POINTER;
import static dev.mainspring.bindings.cudnn.CudnnCheck.check;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cudnn.Cudnn;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A cuDNN handle bound to the device's stream, so cuDNN's kernels queue in order with ours. */
public final class CudnnHandle implements AutoCloseable {
  private final MemorySegment handle;

  public CudnnHandle(CudaDevice device) {
    // cuDNN opens its sub-libraries, and through them cuBLAS(Lt), by name. Loading cuBLAS first (from
    // the toolkit folder if need be) makes those names resolve even when CUDA is not on the loader path.
    Cublas.LIBRARY.isLoaded();
    device.makeCurrent();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(C_POINTER);
      check(Cudnn.cudnnCreate(out), "cudnnCreate");
      handle = out.get(C_POINTER, 0);
    }
    try {
      check(Cudnn.cudnnSetStream(handle, device.stream()), "cudnnSetStream");
    } catch (RuntimeException e) {
      Cudnn.cudnnDestroy(handle);
      throw e;
    }
  }

  /** The {@code cudnnHandle_t}. */
  public MemorySegment handle() {
    return handle;
  }

  @Override
  public void close() {
    check(Cudnn.cudnnDestroy(handle), "cudnnDestroy");
  }
}
