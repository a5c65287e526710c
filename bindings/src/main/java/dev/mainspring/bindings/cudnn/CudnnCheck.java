package dev.mainspring.bindings.cudnn;

import dev.mainspring.bindings.NativeUnavailableException;
import dev.mainspring.bindings.StatusText;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Turns a {@code cudnnStatus_t} into a {@link CudnnException}. cuDNN's {@code cudnnGetErrorString} gives
 * the status name ({@code CUDNN_STATUS_BAD_PARAM}); cuDNN 9's {@code cudnnGetLastErrorString} says what
 * was wrong with the call, which is the message worth showing.
 */
public final class CudnnCheck {
  private static final int LAST_ERROR_CAPACITY = 1024;

  public static final StatusText CUDNN_TEXT = new StatusText() {
    @Override
    public String name(int status) {
      try {
        MemorySegment s = Cudnn.cudnnGetErrorString(status);
        return s.equals(MemorySegment.NULL) ? null : s.getString(0);
      } catch (NativeUnavailableException e) {
        return null;
      }
    }

    @Override
    public String message(int status) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment buffer = arena.allocate(LAST_ERROR_CAPACITY);
        Cudnn.cudnnGetLastErrorString(buffer, LAST_ERROR_CAPACITY);
        return buffer.getString(0);
      } catch (NativeUnavailableException e) {
        return null;
      }
    }
  };

  private CudnnCheck() {}

  /** Throws a {@link CudnnException} for any status but {@code CUDNN_STATUS_SUCCESS}. */
  public static void check(int status, String call) {
    if (status != Cudnn.CUDNN_STATUS_SUCCESS()) {
      throw new CudnnException(call, status, CUDNN_TEXT);
    }
  }
}
