package dev.mainspring.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The chart kinds decode as PNGs of the requested size; undefined points are dropped by finite(). */
class ChartsTest {
  private static BufferedImage decode(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertTrue(img != null, "not a readable PNG");
    return img;
  }

  private static Charts.Xy chart(String title) {
    return new Charts.Xy(title, "x", "y", true, false,
        List.of(Charts.Line.solid("a", new double[] {1, 10, 100}, new double[] {3, 2, 1})));
  }

  @Test
  void xyAndBarsHaveTheRequestedSize() throws IOException {
    BufferedImage xy = decode(Charts.xy(chart("one"), 640, 360));
    assertEquals(640, xy.getWidth());
    assertEquals(360, xy.getHeight());
    BufferedImage bars = decode(Charts.groupedBars("t", "x", "y", List.of("a", "b"),
        List.of(new Charts.Bars("s1", new double[] {0.2, 0.4}), new Charts.Bars("s2", new double[] {0.9, 0.9})),
        0, 1, 500, 300));
    assertEquals(500, bars.getWidth());
    assertEquals(300, bars.getHeight());
  }

  @Test
  void gridTilesChartsRowByRow() throws IOException {
    BufferedImage grid = decode(Charts.grid(List.of(chart("a"), chart("b"), chart("c")), 2, 300, 200));
    assertEquals(600, grid.getWidth());
    assertEquals(400, grid.getHeight());
    // The empty fourth cell stays white; the first holds a chart (its background is not pure white everywhere).
    assertEquals(0xFFFFFFFF, grid.getRGB(450, 300));
    assertEquals(decode(Charts.xy(chart("a"), 300, 200)).getRGB(150, 20), grid.getRGB(150, 20));
    assertThrows(IllegalArgumentException.class, () -> Charts.grid(List.of(), 2, 300, 200));
  }

  @Test
  void finiteDropsUndefinedPointsOverTheShorterAxis() {
    Charts.Line l = Charts.Line.dashed("l", new double[] {1, 2, Double.NaN, 4, 5}, new double[] {1, Double.POSITIVE_INFINITY, 3, 4})
        .finite();
    assertArrayEquals(new double[] {1, 4}, l.x());
    assertArrayEquals(new double[] {1, 4}, l.y());
    assertTrue(l.dashed());
    assertTrue(Charts.Line.solid("e", new double[] {Double.NaN}, new double[] {1}).finite().isEmpty());
  }
}
