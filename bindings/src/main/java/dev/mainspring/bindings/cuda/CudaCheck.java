package dev.mainspring.bindings.cuda;

import static dev.mainspring.bindings.cuda.CudaDriver.C_POINTER;

import dev.mainspring.bindings.NativeUnavailableException;
import dev.mainspring.bindings.StatusText;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** Turns a {@code CUresult} into a {@link CudaException} named by {@code cuGetErrorName/String}. */
public final class CudaCheck {
  /** The driver's words for its status codes (works before {@code cuInit}, as the driver documents). */
  public static final StatusText DRIVER_TEXT = new StatusText() {
    @Override
    public String name(int status) {
      return lookup(status, true);
    }

    @Override
    public String message(int status) {
      return lookup(status, false);
    }
  };

  private CudaCheck() {}

  /** Throws a {@link CudaException} for any status but {@code CUDA_SUCCESS}. */
  public static void check(int status, String call) {
    if (status != 0) {
      throw new CudaException(call, status, DRIVER_TEXT);
    }
  }

  private static String lookup(int status, boolean name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(C_POINTER);
      int rc = name ? CudaDriver.cuGetErrorName(status, out) : CudaDriver.cuGetErrorString(status, out);
      MemorySegment text = out.get(C_POINTER, 0);
      // An unknown code gives CUDA_ERROR_INVALID_VALUE and a NULL string.
      return rc != 0 || text.equals(MemorySegment.NULL) ? null : text.getString(0);
    } catch (NativeUnavailableException e) {
      return null;
    }
  }
}
