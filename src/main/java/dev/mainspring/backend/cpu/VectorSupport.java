package dev.mainspring.backend.cpu;

/**
 * Whether the incubating Vector API can be used. It is only resolvable when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}; a plain {@code java -jar} lacks it, so kernels
 * must check here before touching any {@code jdk.incubator.vector} class.
 */
public final class VectorSupport {
  private static final boolean PRESENT =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("mainspring.scalar");

  private VectorSupport() {}

  /** True when vectorised CPU kernels may run (module present and not disabled). */
  public static boolean available() {
    return PRESENT;
  }

  public static String describe() {
    if (PRESENT) {
      return "present: vectorised CPU kernels run";
    }
    if (Boolean.getBoolean("mainspring.scalar")) {
      return "disabled by -Dmainspring.scalar=true: scalar CPU kernels run";
    }
    return "absent: scalar CPU kernels run (start java with --add-modules jdk.incubator.vector to enable)";
  }
}
