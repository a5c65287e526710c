package dev.mainspring.backend.cuda;

/** A kernel failed on the device; the message names the kernel and the launch. */
public class KernelFailedException extends RuntimeException {
  private final String kernel;

  public KernelFailedException(String kernel, String message, Throwable cause) {
    super(message, cause);
    this.kernel = kernel;
  }

  /** {@code module/name} of the failed kernel. */
  public String kernel() {
    return kernel;
  }
}
