package dev.mainspring.plot;

import java.awt.BasicStroke;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts infer and evaluate write, as bytes (so callers stage them with the other outputs
 * and nothing partial reaches the disk). Rendering is headless: no display is needed.
 */
public final class Charts {
  static {
    prepare();
  }

  /**
   * Headless rendering, and ImageIO encoding in memory: its default disk cache registers a JVM
   * shutdown hook per stream, which throws while the JVM shuts down — exactly when Ctrl-C makes
   * {@code train} write its final plots.
   */
  public static void prepare() {
    System.setProperty("java.awt.headless", "true");
    javax.imageio.ImageIO.setUseCache(false);
  }

  public static final int WIDTH = 900;
  public static final int HEIGHT = 600;

  private Charts() {}

  /** One line of an XY chart; {@code dashed} for bands and baselines, {@code markers} for sparse points. */
  public record Line(String name, double[] x, double[] y, boolean dashed, boolean markers) {
    public static Line solid(String name, double[] x, double[] y) {
      return new Line(name, x, y, false, false);
    }

    public static Line dashed(String name, double[] x, double[] y) {
      return new Line(name, x, y, true, false);
    }

    public static Line points(String name, double[] x, double[] y) {
      return new Line(name, x, y, false, true);
    }
  }

  public static byte[] xy(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Line> lines) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setXAxisLogarithmic(logX).setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(6);
    for (Line l : lines) {
      XYSeries s = chart.addSeries(l.name(), l.x(), l.y());
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      if (!l.markers()) {
        s.setMarker(SeriesMarkers.NONE);
      }
      if (l.dashed()) {
        s.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f));
      }
    }
    return png(chart);
  }

  public static byte[] bars(String title, String xLabel, String yLabel, List<String> categories, double[] values) {
    CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
        .yAxisTitle(yLabel).build();
    chart.getStyler().setLegendVisible(false);
    java.util.List<Double> v = new java.util.ArrayList<>();
    for (double x : values) {
      v.add(x);
    }
    chart.addSeries(yLabel, categories, v);
    return png(chart);
  }

  private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }
}
