package dev.mainspring.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mainspring.io.AtomicFiles;
import dev.mainspring.plot.Charts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The PNG plots written at the end of a run, into plots/: {@value #LOSSES} (training loss terms,
 * smoothed, and the validation loss), {@value #COVERAGE} (90% interval coverage per time bin at the
 * first and last validation, against the nominal 0.9), {@value #NE_RMSE} (N_e RMSE and target
 * accuracy over steps beside their baselines) and {@value #POSTERIORS} (posterior N_e(t) of a few
 * validation examples against the truth). Undefined values (NaN) are left out of the lines.
 *
 * <p>Every plot is rendered in memory first and the files are then replaced together through
 * {@link AtomicFiles.Staged}: a failure or Ctrl-C while plotting leaves the previous plots whole.
 */
public final class Plots {
  public static final String DIR = "plots";
  public static final String LOSSES = "losses.png";
  public static final String COVERAGE = "coverage_by_bin.png";
  public static final String NE_RMSE = "ne_rmse.png";
  public static final String POSTERIORS = "ne_posteriors.png";
  static final int W = 900;
  static final int H = 560;
  static final int PANEL_COLUMNS = 2;
  static final int PANEL_W = 600;
  static final int PANEL_H = 400;

  private Plots() {}

  /** One plot file and how to render it. */
  record Plot(String file, Supplier<byte[]> png) {}

  /** Writes every plot the history allows and returns the files written. */
  public static List<Path> write(Path runDir, MetricsHistory h, List<ValidationMetrics.PosteriorExample> posteriors)
      throws IOException {
    List<Plot> plots = new ArrayList<>();
    plots.add(new Plot(LOSSES, () -> losses(h)));
    if (!h.evaluations().isEmpty()) {
      plots.add(new Plot(COVERAGE, () -> coverage(h)));
      plots.add(new Plot(NE_RMSE, () -> neRmse(h)));
    }
    if (!posteriors.isEmpty()) {
      plots.add(new Plot(POSTERIORS, () -> posteriorPanel(posteriors)));
    }
    return write(runDir.resolve(DIR), plots);
  }

  /** Renders every plot, then replaces their files together; nothing is touched unless all rendered. */
  static List<Path> write(Path dir, List<Plot> plots) throws IOException {
    List<byte[]> pngs = new ArrayList<>();
    for (Plot p : plots) {
      pngs.add(p.png().get());
    }
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    try (AtomicFiles.Staged staged = new AtomicFiles.Staged()) {
      for (int i = 0; i < plots.size(); i++) {
        Path file = dir.resolve(plots.get(i).file());
        staged.write(file, pngs.get(i));
        files.add(file);
      }
      staged.commit();
    }
    return files;
  }

  static byte[] losses(MetricsHistory h) {
    double[] step = h.column("step");
    int window = Math.max(1, step.length / 50);
    List<Charts.Line> lines = new ArrayList<>();
    for (String term : new String[] {"loss", "topo", "time", "sfs", "demo"}) {
      add(lines, Charts.Line.solid(term.equals("loss") ? "total" : term, step, movingAverage(h.column(term), window)));
    }
    if (!h.evaluations().isEmpty()) {
      add(lines, Charts.Line.points("validation total", h.evaluationField("step"), h.evaluationField("val_loss")));
    }
    return Charts.xy(new Charts.Xy("Training losses (moving average)", "step", "loss", false, false, lines), W, H);
  }

  static byte[] coverage(MetricsHistory h) {
    JsonNode first = h.evaluations().get(0);
    JsonNode last = h.evaluations().get(h.evaluations().size() - 1);
    List<String> labels = new ArrayList<>();
    last.get("coverage_bins").forEach(n -> labels.add(n.asText()));
    if (labels.isEmpty()) {
      labels.add("all");
    }
    List<String> cats = new ArrayList<>(labels);
    cats.add("overall");
    List<Charts.Bars> series = new ArrayList<>();
    if (first != last) {
      series.add(new Charts.Bars(afterSteps(first), coverageValues(first, labels.size())));
    }
    series.add(new Charts.Bars(afterSteps(last), coverageValues(last, labels.size())));
    double[] nominal = new double[cats.size()];
    Arrays.fill(nominal, 0.9);
    series.add(new Charts.Bars("nominal 0.9", nominal));
    return Charts.groupedBars("90% interval coverage by true join time", "true join time (generations)", "coverage",
        cats, series, 0.0, 1.0, W, H);
  }

  // Metrics name a step by its 0-based index; a validation after step t has seen t + 1 steps.
  private static String afterSteps(JsonNode eval) {
    return "after " + (eval.get("step").asLong() + 1) + " steps";
  }

  private static double[] coverageValues(JsonNode eval, int bins) {
    double[] v = new double[bins + 1];
    JsonNode arr = eval.get("coverage90_by_bin");
    for (int i = 0; i < bins; i++) {
      v[i] = valueOrZero(arr == null ? null : arr.get(i));
    }
    v[bins] = valueOrZero(eval.get("coverage90"));
    return v;
  }

  private static double valueOrZero(JsonNode x) {
    return x == null || x.isNull() ? 0.0 : x.asDouble();
  }

  static byte[] neRmse(MetricsHistory h) {
    double[] step = h.evaluationField("step");
    List<Charts.Line> lines = new ArrayList<>();
    add(lines, Charts.Line.points("N_e RMSE (model)", step, h.evaluationField("ne_rmse")));
    add(lines, Charts.Line.solid("N_e RMSE (Watterson constant)", step, h.evaluationField("ne_rmse_watterson")));
    add(lines, Charts.Line.points("target accuracy (model)", step, h.evaluationField("target_acc")));
    add(lines, Charts.Line.solid("target accuracy (Hamming copying)", step, h.evaluationField("target_acc_hamming")));
    return Charts.xy(new Charts.Xy("Validation: model vs baselines", "step", "N_e log10 RMSE / target accuracy",
        false, false, lines), W, H);
  }

  static byte[] posteriorPanel(List<ValidationMetrics.PosteriorExample> posteriors) {
    List<Charts.Xy> charts = new ArrayList<>();
    for (int i = 0; i < posteriors.size(); i++) {
      ValidationMetrics.PosteriorExample p = posteriors.get(i);
      List<Charts.Line> lines = new ArrayList<>();
      add(lines, Charts.Line.solid("truth", p.gridTimes(), p.truthLog10Ne()));
      add(lines, Charts.Line.solid("posterior median", p.gridTimes(), p.median()));
      add(lines, Charts.Line.solid("5%", p.gridTimes(), p.lo()));
      add(lines, Charts.Line.solid("95%", p.gridTimes(), p.hi()));
      charts.add(new Charts.Xy(String.format(Locale.ROOT, "validation example %d", i), "generations ago", "log10 N_e",
          true, false, lines));
    }
    return Charts.grid(charts, PANEL_COLUMNS, PANEL_W, PANEL_H);
  }

  /** Adds the line's finite points, if it has any. */
  private static void add(List<Charts.Line> lines, Charts.Line line) {
    Charts.Line finite = line.finite();
    if (!finite.isEmpty()) {
      lines.add(finite);
    }
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
}
