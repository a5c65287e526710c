package dev.mainspring.bindings;

/**
 * A non-success status from a native library call, with the library's own name and message for it,
 * so the exception text is what NVIDIA's documentation and forums use.
 */
public abstract class NativeStatusException extends RuntimeException {
  private final String call;
  private final int status;
  private final String statusName;
  private final String statusMessage;

  protected NativeStatusException(String library, String call, int status, StatusText text) {
    this(library, call, status, nameOf(library, status, text), messageOf(status, text));
  }

  private NativeStatusException(String library, String call, int status, String name, String message) {
    super(call + " failed: " + name + " (" + library + " status " + status + ")"
        + (message.isEmpty() ? "" : ": " + message));
    this.call = call;
    this.status = status;
    this.statusName = name;
    this.statusMessage = message;
  }

  private static String nameOf(String library, int status, StatusText text) {
    String name = text == null ? null : text.name(status);
    return name == null || name.isBlank() ? "unknown " + library + " status " + status : name.strip();
  }

  private static String messageOf(int status, StatusText text) {
    String message = text == null ? null : text.message(status);
    return message == null ? "" : message.strip();
  }

  /** The native function that failed, with any context the caller added (e.g. the kernel name). */
  public String call() {
    return call;
  }

  public int status() {
    return status;
  }

  /** The library's name for the status, e.g. {@code CUDA_ERROR_OUT_OF_MEMORY}. */
  public String statusName() {
    return statusName;
  }

  /** The library's message for the status; empty when it has none. */
  public String statusMessage() {
    return statusMessage;
  }
}
