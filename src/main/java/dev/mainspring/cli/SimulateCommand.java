package dev.mainspring.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Not built yet (issue 3).")
final class SimulateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotBuiltYet.report("simulate", "issue 3");
  }
}
