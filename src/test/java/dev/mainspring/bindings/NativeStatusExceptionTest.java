package dev.mainspring.bindings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cublas.Cublas;
import dev.mainspring.bindings.cublas.CublasCheck;
import dev.mainspring.bindings.cublas.CublasException;
import dev.mainspring.bindings.cuda.CudaCheck;
import dev.mainspring.bindings.cuda.CudaDriver;
import dev.mainspring.bindings.cuda.CudaException;
import dev.mainspring.bindings.cudnn.Cudnn;
import dev.mainspring.bindings.cudnn.CudnnCheck;
import dev.mainspring.bindings.cudnn.CudnnException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status codes become exceptions whose text is the library's own name and message for the code. */
class NativeStatusExceptionTest {
  /** A known-code table standing in for cuGetErrorName/String and friends. */
  private record Table(Map<Integer, String> names, Map<Integer, String> messages) implements StatusText {
    @Override
    public String name(int status) {
      return names.get(status);
    }

    @Override
    public String message(int status) {
      return messages.get(status);
    }
  }

  private static final Table DRIVER = new Table(
      Map.of(2, "CUDA_ERROR_OUT_OF_MEMORY", 100, "CUDA_ERROR_NO_DEVICE"),
      Map.of(2, "out of memory", 100, "no CUDA-capable device is detected"));

  @Test
  void aDriverStatusCarriesItsNameAndMessage() {
    CudaException e = new CudaException("cuMemAlloc_v2(1024 bytes)", 2, DRIVER);
    assertEquals("cuMemAlloc_v2(1024 bytes) failed: CUDA_ERROR_OUT_OF_MEMORY (CUDA status 2): out of memory",
        e.getMessage());
    assertEquals("CUDA_ERROR_OUT_OF_MEMORY", e.statusName());
    assertEquals("out of memory", e.statusMessage());
    assertEquals(2, e.status());
    assertEquals("cuMemAlloc_v2(1024 bytes)", e.call());
    assertTrue(e.isOutOfMemory());
    assertFalse(new CudaException("cuInit", 100, DRIVER).isOutOfMemory());
  }

  @Test
  void anUnknownCodeIsReportedByNumberWithoutAnEmptyMessage() {
    CudaException e = new CudaException("cuCtxSynchronize", 12345, DRIVER);
    assertEquals("cuCtxSynchronize failed: unknown CUDA status 12345 (CUDA status 12345)", e.getMessage());
    CudaException noText = new CudaException("cuInit", 100, null);
    assertEquals("unknown CUDA status 100", noText.statusName());
  }

  @Test
  void cublasAndCudnnStatusesUseTheirOwnLibraryNames() {
    Table blas = new Table(Map.of(7, "CUBLAS_STATUS_INVALID_VALUE"),
        Map.of(7, "an invalid value was used as an argument"));
    assertEquals("cublasSgemm_v2 failed: CUBLAS_STATUS_INVALID_VALUE (cuBLAS status 7): an invalid value was used"
        + " as an argument", new CublasException("cublasSgemm_v2", 7, blas).getMessage());
    // cuDNN's last-error text can be empty; the message then ends at the status.
    Table dnn = new Table(Map.of(2000, "CUDNN_STATUS_BAD_PARAM"), Map.of(2000, "  "));
    assertEquals("cudnnSetTensor4dDescriptor failed: CUDNN_STATUS_BAD_PARAM (cuDNN status 2000)",
        new CudnnException("cudnnSetTensor4dDescriptor", 2000, dnn).getMessage());
  }

  @Test
  void checksPassSuccessAndThrowForAnythingElse() {
    assertDoesNotThrow(() -> CudaCheck.check(0, "cuInit"));
    assertDoesNotThrow(() -> CublasCheck.check(0, "cublasCreate_v2"));
    assertDoesNotThrow(() -> CudnnCheck.check(0, "cudnnCreate"));

    CudaException cuda = assertThrows(CudaException.class, () -> CudaCheck.check(100, "cuDeviceGet(0)"));
    assertEquals(100, cuda.status());
    assertTrue(cuda.getMessage().startsWith("cuDeviceGet(0) failed: "), cuda.getMessage());
    // With the driver present its own name is used; without it, the number.
    assertEquals(CudaDriver.LIBRARY.isLoaded() ? "CUDA_ERROR_NO_DEVICE" : "unknown CUDA status 100",
        cuda.statusName());

    CublasException blas = assertThrows(CublasException.class, () -> CublasCheck.check(7, "cublasSgemm_v2"));
    assertEquals(Cublas.LIBRARY.isLoaded() ? "CUBLAS_STATUS_INVALID_VALUE" : "unknown cuBLAS status 7",
        blas.statusName());

    CudnnException dnn = assertThrows(CudnnException.class, () -> CudnnCheck.check(2000, "cudnnCreate"));
    assertTrue(Cudnn.LIBRARY.isLoaded()
        ? dnn.statusName().contains("CUDNN_STATUS_BAD_PARAM")
        : dnn.statusName().equals("unknown cuDNN status 2000"), dnn.statusName());
  }
}
