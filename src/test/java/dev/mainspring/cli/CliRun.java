package dev.mainspring.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One command line run in-process the way a user types it: exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
  static CliRun run(String... args) {
    var cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
