package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-run plots from synthetic metrics: every file is a readable PNG of the expected size. */
class PlotsTest {
  @TempDir Path dir;

  @Test
  void writesTheFourPlotsAsPngs() throws Exception {
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
    List<Path> files = Plots.write(dir, MetricsHistory.read(dir), List.of(post, post, post));
    Path plots = dir.resolve(Plots.DIR);
    assertEquals(List.of(plots.resolve(Plots.LOSSES), plots.resolve(Plots.COVERAGE), plots.resolve(Plots.NE_RMSE),
        plots.resolve(Plots.POSTERIORS)), files);
    for (Path f : files) {
      BufferedImage img = ImageIO.read(f.toFile());
      assertTrue(img != null, f + " is not a readable image");
    }
    BufferedImage panel = ImageIO.read(plots.resolve(Plots.POSTERIORS).toFile());
    assertEquals(1200, panel.getWidth(), "two columns");
    assertEquals(800, panel.getHeight(), "two rows for three examples");
  }

  @Test
  void movingAverageSkipsUndefinedValues() {
    assertArrayEquals(new double[] {1, 1.5, 2.5, 3, 4}, Plots.movingAverage(new double[] {1, 2, 3, Double.NaN, 4}, 2),
        1e-12);
  }
}
