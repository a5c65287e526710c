package dev.mainspring.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG charts infer, evaluate and train write, as bytes (so callers stage them with the other
 * outputs and nothing partial reaches the disk). Rendering is headless: no display is needed.
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
    ImageIO.setUseCache(false);
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

    /** This line without its undefined points (either coordinate NaN or infinite), over the shorter of x and y. */
    public Line finite() {
      int n = Math.min(x.length, y.length);
      double[] fx = new double[n];
      double[] fy = new double[n];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
          fx[m] = x[i];
          fy[m] = y[i];
          m++;
        }
      }
      return new Line(name, Arrays.copyOf(fx, m), Arrays.copyOf(fy, m), dashed, markers);
    }

    public boolean isEmpty() {
      return x.length == 0 || y.length == 0;
    }
  }

  /** An XY chart's titles, axis scales and lines. */
  public record Xy(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Line> lines) {}

  /** One series of a grouped bar chart, a value per category. */
  public record Bars(String name, double[] values) {}

  public static byte[] xy(String title, String xLabel, String yLabel, boolean logX, boolean logY, List<Line> lines) {
    return xy(new Xy(title, xLabel, yLabel, logX, logY, lines), WIDTH, HEIGHT);
  }

  public static byte[] xy(Xy spec, int width, int height) {
    return png(xyChart(spec, width, height));
  }

  /** Several XY charts of {@code cellWidth} × {@code cellHeight} in one image, row by row, {@code columns} wide. */
  public static byte[] grid(List<Xy> specs, int columns, int cellWidth, int cellHeight) {
    if (specs.isEmpty() || columns < 1) {
      throw new IllegalArgumentException("a grid needs at least one chart and one column, got " + specs.size()
          + " charts in " + columns + " columns");
    }
    int rows = (specs.size() + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < specs.size(); i++) {
        BufferedImage cell = BitmapEncoder.getBufferedImage(xyChart(specs.get(i), cellWidth, cellHeight));
        g.drawImage(cell, (i % columns) * cellWidth, (i / columns) * cellHeight, null);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  public static byte[] bars(String title, String xLabel, String yLabel, List<String> categories, double[] values) {
    CategoryChart chart = categoryChart(title, xLabel, yLabel, WIDTH, HEIGHT);
    chart.getStyler().setLegendVisible(false);
    chart.addSeries(yLabel, categories, boxed(values));
    return png(chart);
  }

  /** Bars of several series side by side per category, with a legend and a fixed y range. */
  public static byte[] groupedBars(String title, String xLabel, String yLabel, List<String> categories,
      List<Bars> series, double yMin, double yMax, int width, int height) {
    CategoryChart chart = categoryChart(title, xLabel, yLabel, width, height);
    chart.getStyler().setYAxisMin(yMin).setYAxisMax(yMax);
    for (Bars b : series) {
      chart.addSeries(b.name(), categories, boxed(b.values()));
    }
    return png(chart);
  }

  private static XYChart xyChart(Xy spec, int width, int height) {
    XYChart chart = new XYChartBuilder().width(width).height(height).title(spec.title()).xAxisTitle(spec.xLabel())
        .yAxisTitle(spec.yLabel()).build();
    chart.getStyler().setXAxisLogarithmic(spec.logX()).setYAxisLogarithmic(spec.logY());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(6);
    for (Line l : spec.lines()) {
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
    return chart;
  }

  private static CategoryChart categoryChart(String title, String xLabel, String yLabel, int width, int height) {
    return new CategoryChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
        .build();
  }

  private static List<Double> boxed(double[] values) {
    List<Double> v = new ArrayList<>(values.length);
    for (double x : values) {
      v.add(x);
    }
    return v;
  }

  private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    }
  }
}
