package dev.mainspring.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes files so that readers see the old content or the complete new content, never a part:
 * write to a temporary file in the same directory, fsync it, rename it over the target, fsync the
 * directory. A crash leaves at worst a stray ".tmp" file beside the target, never a torn target.
 * {@link Staged} does the same for a set of files that must appear together or not at all.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes the content to an open channel. */
  @FunctionalInterface
  public interface ChannelBody {
    void write(FileChannel out) throws IOException;
  }

  /** Writes text. */
  @FunctionalInterface
  public interface TextBody {
    void write(Writer out) throws IOException;
  }

  public static void write(Path target, ChannelBody body) throws IOException {
    Path abs = target.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = temporaryBeside(abs);
    boolean done = false;
    try {
      fill(tmp, body);
      move(tmp, abs);
      done = true;
      syncDirectory(abs.getParent());
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  public static void write(Path target, byte[] content) throws IOException {
    write(target, ch -> writeFully(ch, content));
  }

  public static void writeText(Path target, TextBody body) throws IOException {
    write(target, ch -> writeText(ch, body));
  }

  private static void writeFully(FileChannel ch, byte[] content) throws IOException {
    writeFully(ch, ByteBuffer.wrap(content));
  }

  /** Writes all of {@code buf}: a channel write may take only part of it. */
  static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static void writeText(FileChannel ch, TextBody body) throws IOException {
    // The writer must not close the channel: fill() forces it to disk afterwards.
    Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(ch), StandardCharsets.UTF_8), 1 << 16);
    body.write(w);
    w.flush();
  }

  private static void fill(Path tmp, ChannelBody body) throws IOException {
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      body.write(ch);
      ch.force(true);
    }
  }

  static Path temporaryBeside(Path path) throws IOException {
    Path abs = path.toAbsolutePath();
    // Not Files.createTempFile: it makes the file owner-only (0600), and the rename would hand
    // the user an output nobody else can read. createFile honours the umask like any new file.
    for (int attempt = 0; ; attempt++) {
      Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("cannot replace " + to + " atomically on this file system", e);
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a directory; the rename itself has happened.
    }
  }

  /** Files written to temporaries now and renamed into place together by {@link #commit}. */
  public static final class Staged implements AutoCloseable {
    private final Map<Path, Path> pending = new LinkedHashMap<>();

    public void write(Path path, byte[] content) throws IOException {
      fill(stage(path), ch -> writeFully(ch, content));
    }

    public void writeText(Path path, TextBody body) throws IOException {
      fill(stage(path), ch -> AtomicFiles.writeText(ch, body));
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
      List<Path> dirs = new ArrayList<>();
      for (Map.Entry<Path, Path> e : pending.entrySet()) {
        Path target = e.getKey().toAbsolutePath();
        move(e.getValue(), target);
        if (!dirs.contains(target.getParent())) {
          dirs.add(target.getParent());
        }
      }
      pending.clear();
      dirs.forEach(AtomicFiles::syncDirectory);
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
