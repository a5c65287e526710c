package dev.mainspring.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "infer", mixinStandardHelpOptions = true, description = "Not built yet (issue 8).")
final class InferCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotBuiltYet.report("infer", "issue 8");
  }
}
