package dev.mainspring.bindings.cublas;

import dev.mainspring.bindings.NativeUnavailableException;
import dev.mainspring.bindings.StatusText;
import java.lang.foreign.MemorySegment;

/** Turns a {@code cublasStatus_t} into a {@link CublasException} named by {@code cublasGetStatusName/String}. */
public final class CublasCheck {
  public static final StatusText CUBLAS_TEXT = new StatusText() {
    @Override
    public String name(int status) {
      try {
        return text(Cublas.cublasGetStatusName(status));
      } catch (NativeUnavailableException e) {
        return null;
      }
    }

    @Override
    public String message(int status) {
      try {
        return text(Cublas.cublasGetStatusString(status));
      } catch (NativeUnavailableException e) {
        return null;
      }
    }
  };

  private CublasCheck() {}

  /** Throws a {@link CublasException} for any status but {@code CUBLAS_STATUS_SUCCESS}. */
  public static void check(int status, String call) {
    if (status != Cublas.CUBLAS_STATUS_SUCCESS()) {
      throw new CublasException(call, status, CUBLAS_TEXT);
    }
  }

  private static String text(MemorySegment cString) {
    return cString.equals(MemorySegment.NULL) ? null : cString.getString(0);
  }
}
