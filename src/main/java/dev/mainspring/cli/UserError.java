package dev.mainspring.cli;

/** A problem with the user's input or environment, reported as one line without a stack trace. */
public class UserError extends RuntimeException {
  private final int exitCode;

  public UserError(String message) {
    this(message, 2);
  }

  public UserError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
    this.exitCode = 2;
  }

  public int exitCode() {
    return exitCode;
  }
}
