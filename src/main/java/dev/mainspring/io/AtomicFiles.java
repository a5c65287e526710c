package dev.mainspring.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writing without ever leaving a partial file: content goes to a temporary file in the target's
 * directory and is renamed into place. {@link Staged} does the same for a set of files that must
 * appear together or not at all.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes text through {@code body}. */
  public interface TextBody {
    void write(Writer out) throws IOException;
  }

  public static void write(Path path, byte[] content) throws IOException {
    Path tmp = temporaryBeside(path);
    try {
      Files.write(tmp, content);
      move(tmp, path);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void writeText(Path path, TextBody body) throws IOException {
    Path tmp = temporaryBeside(path);
    try {
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
          1 << 16)) {
        body.write(w);
      }
      move(tmp, path);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static Path temporaryBeside(Path path) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    return Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Files written to temporaries now and renamed into place together by {@link #commit}. */
  public static final class Staged implements AutoCloseable {
    private final Map<Path, Path> pending = new LinkedHashMap<>();

    public synchronized void write(Path path, byte[] content) throws IOException {
      Path tmp = stage(path);
      Files.write(tmp, content);
    }

    public void writeText(Path path, TextBody body) throws IOException {
      Path tmp = stage(path);
      try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8),
          1 << 16)) {
        body.write(w);
      }
    }

    private synchronized Path stage(Path path) throws IOException {
      if (pending.containsKey(path)) {
        throw new IllegalArgumentException("file staged twice: " + path);
      }
      Path tmp = temporaryBeside(path);
      pending.put(path, tmp);
      return tmp;
    }

    /** Renames every staged file into place. */
    public synchronized void commit() throws IOException {
      for (Map.Entry<Path, Path> e : pending.entrySet()) {
        move(e.getValue(), e.getKey());
      }
      pending.clear();
    }

    /** Deletes the temporaries of anything not committed. */
    @Override
    public synchronized void close() throws IOException {
      List<IOException> failures = new ArrayList<>();
      for (Path tmp : pending.values()) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          failures.add(e);
        }
      }
      pending.clear();
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    }
  }
}
