package dev.mainspring.bindings.cudnn;

import dev.mainspring.bindings.NativeStatusException;
import dev.mainspring.bindings.StatusText;

/** A cuDNN call returned an error; the message has cuDNN's own name and last-error text for it. */
public class CudnnException extends NativeStatusException {
  public CudnnException(String call, int status, StatusText text) {
    super("cuDNN", call, status, text);
  }
}
