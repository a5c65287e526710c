package dev.mainspring.backend.cuda;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A kernel entry point found in a loaded module, with the parameter kinds it was declared with so a
 * launch with the wrong arguments fails in Java instead of reading garbage on the GPU.
 */
public record CudaKernel(String module, String name, MemorySegment function, KernelArgs.Kind[] signature) {
  public CudaKernel {
    signature = signature.clone();
  }

  @Override
  public KernelArgs.Kind[] signature() {
    return signature.clone();
  }

  @Override
  public String toString() {
    return module + "/" + name + Arrays.toString(signature);
  }
}
