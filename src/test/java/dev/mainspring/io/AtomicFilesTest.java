package dev.mainspring.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void outputsGetTheSamePermissionsAsAnyNewFile() throws IOException {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain"));
    Path written = dir.resolve("written.txt");
    AtomicFiles.write(written, "x".getBytes(StandardCharsets.UTF_8));
    try (AtomicFiles.Staged staged = new AtomicFiles.Staged()) {
      staged.writeText(dir.resolve("staged.txt"), w -> w.write("y"));
      staged.commit();
    }
    var expected = Files.getPosixFilePermissions(plain);
    assertEquals(expected, Files.getPosixFilePermissions(written));
    assertEquals(expected, Files.getPosixFilePermissions(dir.resolve("staged.txt")));
  }

  @Test
  void aFailedWriteLeavesTheOldContentAndNoTemporary() throws IOException {
    Path target = dir.resolve("keep.bin");
    AtomicFiles.write(target, new byte[] {1, 2, 3});
    assertThrows(IOException.class, () -> AtomicFiles.write(target, ch -> {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {9}));
      throw new IOException("disk full");
    }));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void uncommittedStagedFilesVanish() throws IOException {
    Path target = dir.resolve("never.txt");
    try (AtomicFiles.Staged staged = new AtomicFiles.Staged()) {
      staged.write(target, new byte[] {1});
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
  }
}
