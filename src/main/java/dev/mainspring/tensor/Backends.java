package dev.mainspring.tensor;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;

/**
 * The backend new tensors go to when a factory is not told one. On first use it is chosen by
 * {@code -Dmainspring.device=cpu|cuda|auto} (default auto: CUDA when a GPU is usable, else the CPU),
 * and CLI commands call {@link #select} for {@code --device}. One line on stderr says which backend
 * runs and why. Backends are looked up reflectively so {@code tensor} does not depend on
 * {@code backend.cpu} or {@code backend.cuda} (dependencies point from backends to the engine).
 */
public final class Backends {
  /** The system property naming the device. */
  public static final String DEVICE_PROPERTY = "mainspring.device";

  private static final String CUDA_CLASS = "dev.mainspring.backend.cuda.CudaBackend";

  private static volatile Backend current;

  private Backends() {}

  public static Backend current() {
    Backend b = current;
    if (b == null) {
      synchronized (Backends.class) {
        if (current == null) {
          current = choose(System.getProperty(DEVICE_PROPERTY, "auto"), "-D" + DEVICE_PROPERTY);
        }
        b = current;
      }
    }
    return b;
  }

  public static void setCurrent(Backend backend) {
    current = backend;
  }

  /**
   * Chooses and installs the backend for {@code device}: "cpu", "cuda" (an error naming the reason
   * when CUDA cannot run here) or "auto". Returns it.
   */
  public static synchronized Backend select(String device) {
    current = choose(device, "--device");
    return current;
  }

  private static Backend choose(String device, String source) {
    String d = device == null ? "auto" : device.strip().toLowerCase(Locale.ROOT);
    switch (d) {
      case "cpu" -> {
        log("cpu (" + source + " " + d + ")");
        return cpu();
      }
      case "cuda", "gpu" -> {
        String why = cudaUnavailableReason();
        if (why != null) {
          throw new IllegalStateException(source + " " + d + ": CUDA cannot run here: " + why);
        }
        Backend b = cuda();
        log("cuda (" + source + " " + d + "): " + cudaDescription());
        return b;
      }
      case "auto" -> {
        String why = cudaUnavailableReason();
        if (why == null) {
          Backend b = cuda();
          log("cuda (a usable GPU was found): " + cudaDescription());
          return b;
        }
        log("cpu (CUDA unavailable: " + why + ")");
        return cpu();
      }
      default -> throw new IllegalArgumentException(source + ": unknown device '" + device
          + "' (expected cpu, cuda or auto)");
    }
  }

  private static void log(String what) {
    System.err.println("[mainspring] backend: " + what);
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

  /** The process-wide CUDA backend (opened on first use); throws when CUDA cannot run here. */
  public static Backend cuda() {
    return (Backend) callCuda("shared");
  }

  /** Why the CUDA backend cannot run here, or null when it can. Never throws. */
  public static String cudaUnavailableReason() {
    try {
      return (String) callCuda("unavailableReason");
    } catch (RuntimeException | LinkageError e) {
      return e.toString();
    }
  }

  private static String cudaDescription() {
    return (String) callCuda("describeDevice");
  }

  private static Object callCuda(String method) {
    try {
      return Class.forName(CUDA_CLASS).getMethod(method).invoke(null);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("CUDA backend: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("CUDA backend unavailable in this build", e);
    }
  }
}
