package dev.mainspring.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Not built yet (issue 8).")
final class EvaluateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotBuiltYet.report("evaluate", "issue 8");
  }
}
