package dev.mainspring.cli;

import picocli.CommandLine;

/**
 * Turns an exception escaping a subcommand into one clear line on stderr and a non-zero exit.
 * {@link UserError}s are the user's to fix, so they get no stack trace; anything else is our bug
 * and keeps its trace so it can be reported.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
    if (ex instanceof UserError ue) {
      cli.getErr().println("error: " + ue.getMessage());
      return ue.exitCode();
    }
    cli.getErr().println("internal error in '" + cli.getCommandName() + "': " + ex);
    ex.printStackTrace(cli.getErr());
    return 70;
  }
}
