package dev.mainspring.cli;

import dev.mainspring.backend.cpu.VectorSupport;
import java.lang.module.ModuleFinder;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Restarts {@code java -jar mainspring.jar} with the Vector API module for the compute-heavy
 * subcommands. A jar manifest cannot add a module, and the scalar CPU kernels are 2–4× slower, so
 * a plain {@code java -jar … train} would otherwise train at a fraction of the speed the machine
 * allows. The child inherits the terminal; the parent only waits and passes on its exit code.
 * Opt out with {@code MAINSPRING_RELAUNCH=0} or {@code -Dmainspring.scalar=true}.
 */
final class VectorRelaunch {
  private static final Set<String> HEAVY = Set.of("train", "infer", "evaluate", "bench");
  private static final String MARK = "MAINSPRING_RELAUNCHED";

  private VectorRelaunch() {}

  /** The child's exit code if this process relaunched itself, else empty (carry on here). */
  static Optional<Integer> runIfUseful(String[] args) {
    if (VectorSupport.available() || Boolean.getBoolean("mainspring.scalar") || args.length == 0
        || !HEAVY.contains(args[0]) || "0".equals(System.getenv("MAINSPRING_RELAUNCH"))
        || System.getenv(MARK) != null || asksForHelp(args) || !vectorModuleInstalled()) {
      return Optional.empty();
    }
    Optional<Path> jar = ownJar();
    Optional<String> java = ProcessHandle.current().info().command();
    if (jar.isEmpty() || java.isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>();
    command.add(java.get());
    command.add("--add-modules=jdk.incubator.vector");
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add("-jar");
    command.add(jar.get().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put(MARK, "1");
    try {
      Process child = pb.start();
      // Ctrl-C reaches the child through the terminal's process group; a kill aimed at this
      // process alone is passed on, and either way we wait so the child can save its checkpoint.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (child.isAlive()) {
          child.destroy();
          try {
            child.waitFor();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }));
      return Optional.of(child.waitFor());
    } catch (java.io.IOException e) {
      return Optional.empty(); // cannot start a JVM: run here, on the scalar kernels
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(130);
    }
  }

  /** What a heavy subcommand started here would do about the Vector API. */
  static String describe() {
    if (Boolean.getBoolean("mainspring.scalar") || "0".equals(System.getenv("MAINSPRING_RELAUNCH"))) {
      return "train, infer, evaluate and bench stay on the scalar kernels (relaunch disabled)";
    }
    if (!vectorModuleInstalled()) {
      return "this JDK has no jdk.incubator.vector module: every command runs the scalar kernels";
    }
    return "train, infer, evaluate and bench relaunch the jar with it (MAINSPRING_RELAUNCH=0 to stop that)";
  }

  /** Help and version need no kernels, and a relaunch would print the JVM's incubator warning first. */
  static boolean asksForHelp(String[] args) {
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return true;
      }
    }
    return false;
  }

  private static boolean vectorModuleInstalled() {
    return ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent();
  }

  private static Optional<Path> ownJar() {
    try {
      Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
