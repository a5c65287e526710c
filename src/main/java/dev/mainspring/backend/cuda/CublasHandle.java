package dev.mainspring.backend.cuda;

import static dev.mainspring.bindings.cublas.CublasCheck.check;
import static dev.mainspring.bindings.cublas.Cublas.C_POINTER;

import dev.mainspring.bindings.cublas.Cublas;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * A cuBLAS handle bound to the device's stream, so GEMMs queue in order with our own kernels. The
 * math mode defaults to {@code CUBLAS_DEFAULT_MATH}: plain fp32, no TF32 unless a call asks for it
 * through its compute type.
 */
public final class CublasHandle implements AutoCloseable {
  private final MemorySegment handle;

  public CublasHandle(CudaDevice device) {
    device.makeCurrent();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(C_POINTER);
      check(Cublas.cublasCreate_v2(out), "cublasCreate_v2");
      handle = out.get(C_POINTER, 0);
    }
    try {
      check(Cublas.cublasSetStream_v2(handle, device.stream()), "cublasSetStream_v2");
      check(Cublas.cublasSetMathMode(handle, Cublas.CUBLAS_DEFAULT_MATH()), "cublasSetMathMode");
    } catch (RuntimeException e) {
      Cublas.cublasDestroy_v2(handle);
      throw e;
    }
  }

  /** The {@code cublasHandle_t}. */
  public MemorySegment handle() {
    return handle;
  }

  @Override
  public void close() {
    check(Cublas.cublasDestroy_v2(handle), "cublasDestroy_v2");
  }
}
