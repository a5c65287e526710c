package dev.mainspring.tensor;

/**
 * The backend new tensors go to when a factory is not told one. Defaults to the CPU backend; the
 * CLI installs CUDA when it is chosen. Looked up reflectively so {@code tensor} does not depend on
 * {@code backend.cpu} (dependencies point from backends to the engine).
 */
public final class Backends {
  private static volatile Backend current;

  private Backends() {}

  public static Backend current() {
    Backend b = current;
    if (b == null) {
      synchronized (Backends.class) {
        if (current == null) {
          current = cpu();
        }
        b = current;
      }
    }
    return b;
  }

  public static void setCurrent(Backend backend) {
    current = backend;
  }

  /** The process-wide CPU backend. */
  public static Backend cpu() {
    try {
      return (Backend) Class.forName("dev.mainspring.backend.cpu.CpuBackend")
          .getMethod("instance").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("CPU backend unavailable", e);
    }
  }
}
