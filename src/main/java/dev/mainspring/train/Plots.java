package dev.mainspring.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots written at the end of a run, into plots/: {@value #LOSSES} (training loss terms,
 * smoothed, and the validation loss), {@value #COVERAGE} (90% interval coverage per time bin at the
 * first and last validation, against the nominal 0.9), {@value #NE_RMSE} (N_e RMSE and target
 * accuracy over steps beside their baselines) and {@value #POSTERIORS} (posterior N_e(t) of a few
 * validation examples against the truth). Undefined values (NaN) are left out of the lines.
 */
public final class Plots {
  public static final String DIR = "plots";
  public static final String LOSSES = "losses.png";
  public static final String COVERAGE = "coverage_by_bin.png";
  public static final String NE_RMSE = "ne_rmse.png";
  public static final String POSTERIORS = "ne_posteriors.png";
  private static final int W = 900;
  private static final int H = 560;

  private Plots() {}

  /** Writes every plot the history allows and returns the files written. */
  public static List<Path> write(Path runDir, MetricsHistory h, List<ValidationMetrics.PosteriorExample> posteriors)
      throws IOException {
    dev.mainspring.plot.Charts.prepare();
    Path dir = runDir.resolve(DIR);
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    out.add(save(losses(h), dir.resolve(LOSSES)));
    if (!h.evaluations().isEmpty()) {
      out.add(save(coverage(h), dir.resolve(COVERAGE)));
      out.add(save(neRmse(h), dir.resolve(NE_RMSE)));
    }
    if (!posteriors.isEmpty()) {
      out.add(posteriorPanel(posteriors, dir.resolve(POSTERIORS)));
    }
    return out;
  }

  static XYChart losses(MetricsHistory h) {
    XYChart c = new XYChartBuilder().width(W).height(H).title("Training losses (moving average)")
        .xAxisTitle("step").yAxisTitle("loss").build();
    double[] step = h.column("step");
    int window = Math.max(1, step.length / 50);
    for (String term : new String[] {"loss", "topo", "time", "sfs", "demo"}) {
      line(c, term.equals("loss") ? "total" : term, step, movingAverage(h.column(term), window));
    }
    if (!h.evaluations().isEmpty()) {
      XYSeries s = line(c, "validation total", h.evaluationField("step"), h.evaluationField("val_loss"));
      if (s != null) {
        s.setMarker(SeriesMarkers.CIRCLE);
      }
    }
    return c;
  }

  static CategoryChart coverage(MetricsHistory h) {
    CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("90% interval coverage by true join time")
        .xAxisTitle("true join time (generations)").yAxisTitle("coverage").build();
    c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    JsonNode first = h.evaluations().get(0);
    JsonNode last = h.evaluations().get(h.evaluations().size() - 1);
    List<String> labels = new ArrayList<>();
    last.get("coverage_bins").forEach(n -> labels.add(n.asText()));
    if (labels.isEmpty()) {
      labels.add("all");
    }
    List<String> cats = new ArrayList<>(labels);
    cats.add("overall");
    if (first != last) {
      c.addSeries(afterSteps(first), cats, coverageValues(first, labels.size()));
    }
    c.addSeries(afterSteps(last), cats, coverageValues(last, labels.size()));
    List<Double> nominal = new ArrayList<>();
    cats.forEach(x -> nominal.add(0.9));
    c.addSeries("nominal 0.9", cats, nominal);
    return c;
  }

  // Metrics name a step by its 0-based index; a validation after step t has seen t + 1 steps.
  private static String afterSteps(JsonNode eval) {
    return "after " + (eval.get("step").asLong() + 1) + " steps";
  }

  private static List<Double> coverageValues(JsonNode eval, int bins) {
    List<Double> v = new ArrayList<>();
    JsonNode arr = eval.get("coverage90_by_bin");
    for (int i = 0; i < bins; i++) {
      JsonNode x = arr == null ? null : arr.get(i);
      v.add(x == null || x.isNull() ? 0.0 : x.asDouble());
    }
    JsonNode all = eval.get("coverage90");
    v.add(all == null || all.isNull() ? 0.0 : all.asDouble());
    return v;
  }

  static XYChart neRmse(MetricsHistory h) {
    XYChart c = new XYChartBuilder().width(W).height(H).title("Validation: model vs baselines")
        .xAxisTitle("step").yAxisTitle("N_e log10 RMSE / target accuracy").build();
    double[] step = h.evaluationField("step");
    marked(line(c, "N_e RMSE (model)", step, h.evaluationField("ne_rmse")));
    line(c, "N_e RMSE (Watterson constant)", step, h.evaluationField("ne_rmse_watterson"));
    marked(line(c, "target accuracy (model)", step, h.evaluationField("target_acc")));
    line(c, "target accuracy (Hamming copying)", step, h.evaluationField("target_acc_hamming"));
    return c;
  }

  private static void marked(XYSeries s) {
    if (s != null) {
      s.setMarker(SeriesMarkers.CIRCLE);
    }
  }

  static Path posteriorPanel(List<ValidationMetrics.PosteriorExample> posteriors, Path file) throws IOException {
    int cols = 2;
    int rows = (posteriors.size() + 1) / 2;
    int w = 600;
    int hgt = 400;
    BufferedImage panel = new BufferedImage(cols * w, rows * hgt, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = panel.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, panel.getWidth(), panel.getHeight());
    for (int i = 0; i < posteriors.size(); i++) {
      ValidationMetrics.PosteriorExample p = posteriors.get(i);
      XYChart c = new XYChartBuilder().width(w).height(hgt)
          .title(String.format(Locale.ROOT, "validation example %d", i)).xAxisTitle("generations ago")
          .yAxisTitle("log10 N_e").build();
      c.getStyler().setXAxisLogarithmic(true);
      line(c, "truth", p.gridTimes(), p.truthLog10Ne());
      line(c, "posterior median", p.gridTimes(), p.median());
      line(c, "5%", p.gridTimes(), p.lo());
      line(c, "95%", p.gridTimes(), p.hi());
      g.drawImage(BitmapEncoder.getBufferedImage(c), (i % cols) * w, (i / cols) * hgt, null);
    }
    g.dispose();
    ImageIO.write(panel, "png", file.toFile());
    return file;
  }

  /** Adds the finite (x, y) points as a line; null when there are none. */
  private static XYSeries line(XYChart c, String name, double[] x, double[] y) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      return null;
    }
    XYSeries s = c.addSeries(name, xs, ys);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Trailing mean over {@code window} finite values. */
  static double[] movingAverage(double[] v, int window) {
    double[] out = new double[v.length];
    double sum = 0;
    int count = 0;
    for (int i = 0; i < v.length; i++) {
      if (Double.isFinite(v[i])) {
        sum += v[i];
        count++;
      }
      if (i >= window && Double.isFinite(v[i - window])) {
        sum -= v[i - window];
        count--;
      }
      out[i] = count > 0 ? sum / count : Double.NaN;
    }
    return out;
  }

  private static Path save(Object chart, Path file) throws IOException {
    String base = file.toString().substring(0, file.toString().length() - ".png".length());
    if (chart instanceof XYChart xy) {
      BitmapEncoder.saveBitmap(xy, base, BitmapEncoder.BitmapFormat.PNG);
    } else {
      BitmapEncoder.saveBitmap((CategoryChart) chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
    return file;
  }
}
