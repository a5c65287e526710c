package dev.mainspring.bindings.cuda;

import dev.mainspring.bindings.NativeStatusException;
import dev.mainspring.bindings.StatusText;

/** A CUDA driver call returned an error; the message has the driver's own name and text for it. */
public class CudaException extends NativeStatusException {
  public CudaException(String call, int status, StatusText text) {
    super("CUDA", call, status, text);
  }

  /** True for {@code CUDA_ERROR_OUT_OF_MEMORY}, which callers may recover from by freeing memory. */
  public boolean isOutOfMemory() {
    return status() == CudaDriver.CUDA_ERROR_OUT_OF_MEMORY();
  }
}
