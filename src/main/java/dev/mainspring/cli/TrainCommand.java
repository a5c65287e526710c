package dev.mainspring.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true, description = "Not built yet (issue 7).")
final class TrainCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return NotBuiltYet.report("train", "issue 7");
  }
}
