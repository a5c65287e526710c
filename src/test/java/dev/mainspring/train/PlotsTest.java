package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-of-run plots from synthetic metrics: every file is a readable PNG of the expected size,
 * and a failure while rendering or writing leaves the previous plots whole and no temporary behind.
 */
class PlotsTest {
  @TempDir Path dir;

  @Test
  void writesTheFourPlotsAsPngs() throws Exception {
    List<Path> files = writeAll();
    Path plots = dir.resolve(Plots.DIR);
    assertEquals(List.of(plots.resolve(Plots.LOSSES), plots.resolve(Plots.COVERAGE), plots.resolve(Plots.NE_RMSE),
        plots.resolve(Plots.POSTERIORS)), files);
    for (Path f : files.subList(0, 3)) {
      BufferedImage img = ImageIO.read(f.toFile());
      assertTrue(img != null, f + " is not a readable image");
      assertEquals(Plots.W, img.getWidth(), f.toString());
      assertEquals(Plots.H, img.getHeight(), f.toString());
    }
    BufferedImage panel = ImageIO.read(plots.resolve(Plots.POSTERIORS).toFile());
    assertEquals(1200, panel.getWidth(), "two columns");
    assertEquals(800, panel.getHeight(), "two rows for three examples");
    assertEquals(List.of(), strays(plots), "no temporaries left behind");
    assertFalse(ImageIO.getUseCache(), "PNG encoding must not use ImageIO's disk cache (shutdown-hook trouble)");
  }

  @Test
  void aRenderingFailureLeavesThePreviousPlotsUntouched() throws Exception {
    writeAll();
    Path plots = dir.resolve(Plots.DIR);
    byte[] losses = Files.readAllBytes(plots.resolve(Plots.LOSSES));
    byte[] coverage = Files.readAllBytes(plots.resolve(Plots.COVERAGE));
    var e = assertThrows(UncheckedIOException.class, () -> Plots.write(plots, List.of(
        new Plots.Plot(Plots.LOSSES, () -> new byte[] {1, 2, 3}),
        new Plots.Plot(Plots.COVERAGE, () -> {
          throw new UncheckedIOException(new IOException("renderer died"));
        }))));
    assertEquals("renderer died", e.getCause().getMessage());
    assertArrayEquals(losses, Files.readAllBytes(plots.resolve(Plots.LOSSES)), "rendered before the failure");
    assertArrayEquals(coverage, Files.readAllBytes(plots.resolve(Plots.COVERAGE)));
    assertEquals(List.of(), strays(plots));
  }

  @Test
  void aWriteFailureLeavesThePreviousPlotsUntouched() throws Exception {
    writeAll();
    Path plots = dir.resolve(Plots.DIR);
    byte[] losses = Files.readAllBytes(plots.resolve(Plots.LOSSES));
    Files.setPosixFilePermissions(plots, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Assumptions.assumeFalse(Files.isWritable(plots), "running as a user who can write a read-only folder");
      assertThrows(IOException.class, () -> Plots.write(plots, List.of(
          new Plots.Plot(Plots.LOSSES, () -> new byte[] {1, 2, 3}))));
      assertArrayEquals(losses, Files.readAllBytes(plots.resolve(Plots.LOSSES)));
      assertEquals(List.of(), strays(plots));
    } finally {
      Files.setPosixFilePermissions(plots, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  @Test
  void aFailedReplacementRemovesItsTemporary() throws Exception {
    // Root can write a read-only folder, so this failure works for everyone: the rename onto a
    // non-empty directory fails after the temporary was written.
    writeAll();
    Path plots = dir.resolve(Plots.DIR);
    byte[] losses = Files.readAllBytes(plots.resolve(Plots.LOSSES));
    Files.delete(plots.resolve(Plots.NE_RMSE));
    Files.createDirectories(plots.resolve(Plots.NE_RMSE)).resolve("keep").toFile().createNewFile();
    assertThrows(IOException.class, () -> Plots.write(plots, List.of(
        new Plots.Plot(Plots.NE_RMSE, () -> new byte[] {1, 2, 3}))));
    assertArrayEquals(losses, Files.readAllBytes(plots.resolve(Plots.LOSSES)));
    assertTrue(Files.exists(plots.resolve(Plots.NE_RMSE).resolve("keep")));
    assertEquals(List.of(), strays(plots));
  }

  /** Files in the folder other than the four plots. */
  private static List<String> strays(Path plots) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(plots)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> !List.of(Plots.LOSSES, Plots.COVERAGE, Plots.NE_RMSE, Plots.POSTERIORS).contains(n))
          .forEach(names::add);
    }
    return names;
  }

  private List<Path> writeAll() throws Exception {
    try (MetricsLog m = MetricsLog.open(dir, 0)) {
      for (long t = 0; t < 30; t++) {
        StepMetrics s = MetricsLogTest.step(t);
        m.step(s, null);
        if ((t + 1) % 10 == 0) {
          m.evaluation(s, MetricsLogTest.eval(0.9 - t * 0.01), Map.of(), 1.5);
        }
      }
    }
    double[] grid = new double[32];
    double[] truth = new double[32];
    double[] med = new double[32];
    for (int k = 0; k < 32; k++) {
      grid[k] = Math.pow(10, 1 + 5.0 * k / 31);
      truth[k] = k < 16 ? 4 : 3;
      med[k] = 3.5;
    }
    var post = new ValidationMetrics.PosteriorExample(grid, truth, med, new double[32], new double[32]);
    return Plots.write(dir, MetricsHistory.read(dir), List.of(post, post, post));
  }

  @Test
  void movingAverageSkipsUndefinedValues() {
    assertArrayEquals(new double[] {1, 1.5, 2.5, 3, 4}, Plots.movingAverage(new double[] {1, 2, 3, Double.NaN, 4}, 2),
        1e-12);
  }
}
