package dev.mainspring.bindings.cublas;

import dev.mainspring.bindings.NativeStatusException;
import dev.mainspring.bindings.StatusText;

/** A cuBLAS call returned an error; the message has cuBLAS's own name and text for it. */
public class CublasException extends NativeStatusException {
  public CublasException(String call, int status, StatusText text) {
    super("cuBLAS", call, status, text);
  }
}
