package dev.mainspring.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks. Every subcommand prints one JSON object per measurement on stdout (bench, its
 * parameters, value, unit, and the baseline's value where it has one) and progress on stderr.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure speed: one JSON object per measurement on stdout.",
    subcommands = {BenchSimCommand.class, GemmBenchCommand.class, AttentionBenchCommand.class,
        ModelBenchCommand.class, KernelBenchCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing benchmark: choose one of " + spec.subcommands().keySet());
  }
}
