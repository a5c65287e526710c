package dev.mainspring.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file that exists but cannot be used: truncated, altered, or not what was expected. */
public class InvalidFileException extends IOException {
  public InvalidFileException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public InvalidFileException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
