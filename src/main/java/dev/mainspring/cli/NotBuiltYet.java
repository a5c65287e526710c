package dev.mainspring.cli;

/** What a subcommand that is not built yet says, so users are never left guessing. */
final class NotBuiltYet {
  static final int EXIT_CODE = 4;

  private NotBuiltYet() {}

  static int report(String command, String issue) {
    System.err.println("error: 'mainspring " + command + "' is not built yet (tracked in " + issue
        + "); nothing was done.");
    return EXIT_CODE;
  }
}
