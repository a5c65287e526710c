package dev.mainspring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar mainspring.jar}: one subcommand per job. */
@Command(
    name = "mainspring",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Infers the ancestral recombination graph and N_e(t) from genotypes, "
        + "with a network trained by inverting coalescent simulations.",
    subcommands = {
      TrainCommand.class,
      SimulateCommand.class,
      InferCommand.class,
      EvaluateCommand.class,
      BenchCommand.class,
      InfoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // No subcommand: show what there is rather than doing something surprising.
    spec.commandLine().usage(System.err);
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
  }

  public static void main(String[] args) {
    var relaunched = VectorRelaunch.runIfUseful(args);
    if (relaunched.isPresent()) {
      System.exit(relaunched.get());
    }
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) {
      // Picocli only routes Exceptions to the handler; heap exhaustion still deserves one clear line.
      System.err.println("error: out of Java heap memory (" + e.getMessage()
          + "); give the JVM more with -Xmx, or use a smaller preset or batch");
      code = 3;
    }
    System.exit(code);
  }

  /** The configured command line, shared by {@link #main} and the CLI tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }
}
