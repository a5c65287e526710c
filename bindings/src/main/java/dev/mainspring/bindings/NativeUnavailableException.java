package dev.mainspring.bindings;

/**
 * A native library (or one of its symbols) that a binding needs is not on this machine. Thrown by the
 * call, never by class initialisation, so code can probe for CUDA and fall back to the CPU.
 */
public class NativeUnavailableException extends RuntimeException {
  public NativeUnavailableException(String message) {
    super(message);
  }
}
