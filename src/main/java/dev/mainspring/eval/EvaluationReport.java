package dev.mainspring.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mainspring.plot.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * evaluate's output files, as bytes by file name: report.json, report.md, and the PNG plots
 * calibration.png (nominal vs empirical coverage per join-time bin), ne_rmse.png (N_e log10
 * RMSE per grid time beside the Watterson baseline), sbc.png (SBC rank histograms) and
 * sfs_residual.png.
 */
public final class EvaluationReport {
  /** SBC histogram bins (must divide draws + 1; falls back to one bin per rank). */
  static final int SBC_BINS = 5;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationReport() {}

  public static Map<String, byte[]> files(Evaluation.Result r, Map<String, Object> context) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("report.json", JSON.writeValueAsBytes(json(r, context)));
    out.put("report.md", markdown(r, context).getBytes(StandardCharsets.UTF_8));
    out.put("calibration.png", calibrationPng(r.diagnostics()));
    out.put("ne_rmse.png", neRmsePng(r.diagnostics()));
    if (r.sbc() != null) {
      out.put("sbc.png", sbcPng(r.sbc(), r.diagnostics().gridTimes()));
    }
    out.put("sfs_residual.png", sfsPng(r.diagnostics()));
    return out;
  }

  static Map<String, Object> json(Evaluation.Result r, Map<String, Object> context) {
    Map<String, Object> m = new LinkedHashMap<>(context);
    m.put("model", r.config());
    m.put("prior", r.options().prior().name().toLowerCase(Locale.ROOT));
    m.put("requested", r.options().count());
    m.put("without_sites", r.withoutSites());
    m.put("seed", r.options().seed());
    m.put("seconds", r.seconds());
    m.putAll(r.diagnostics().metrics());
    if (r.sbc() != null) {
      Map<String, Object> sbc = new LinkedHashMap<>();
      sbc.put("draws", r.sbc().draws());
      int bins = sbcBins(r.sbc());
      List<Object> times = new ArrayList<>();
      for (int g = 0; g < r.sbc().gridIndex().length; g++) {
        Map<String, Object> one = new LinkedHashMap<>();
        int k = r.sbc().gridIndex()[g];
        one.put("grid_index", k);
        one.put("time", r.diagnostics().gridTimes()[k]);
        one.put("rank_counts", r.sbc().rankCounts()[g]);
        one.put("binned", r.sbc().binned(g, bins));
        one.put("chi_square", r.sbc().chiSquare(g, bins));
        one.put("degrees_of_freedom", bins - 1);
        times.add(one);
      }
      sbc.put("times", times);
      m.put("sbc", sbc);
    }
    return m;
  }

  static int sbcBins(SbcRanks s) {
    return (s.draws() + 1) % SBC_BINS == 0 ? SBC_BINS : s.draws() + 1;
  }

  static String markdown(Evaluation.Result r, Map<String, Object> context) {
    DiagnosticsReport d = r.diagnostics();
    StringBuilder b = new StringBuilder();
    b.append("# Mainspring evaluation\n\n");
    context.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append(String.format(Locale.ROOT, "- model: preset %s, n = %d, G = %.0f bp, maxSites %d%n",
        r.config().preset(), r.config().samples(), r.config().sequenceLength(), r.config().maxSites()));
    b.append(String.format(Locale.ROOT, "- held-out set: %d simulations from %s (seed %d), %d without sites left out"
        + "; %.1f s%n%n", d.count(), r.options().prior().name().toLowerCase(Locale.ROOT), r.options().seed(),
        r.withoutSites(), r.seconds()));
    b.append("| metric | model | baseline |\n|---|---|---|\n");
    b.append(row("N_e log10 RMSE", d.neRmse(), d.neRmseWatterson(), "constant Watterson"));
    b.append(row("copying target in J*", d.targetAcc(), d.targetAccHamming(), "nearest Hamming"));
    b.append(row("gamma 90% coverage", d.coverage90(), 0.9, "nominal"));
    b.append(String.format(Locale.ROOT, "| normalised RF distance | %.4f | (%d trees) |%n%n", d.rfDistance(),
        d.rfTrees()));
    b.append("## Calibration by true join time\n\n| bin (generations) | join times |");
    for (double level : d.levels()) {
      b.append(String.format(Locale.ROOT, " %.0f%% |", 100 * level));
    }
    b.append("\n|---|---|");
    b.append("---|".repeat(d.levels().length)).append('\n');
    for (int bin = 0; bin < TimeBins.COUNT; bin++) {
      b.append("| ").append(TimeBins.label(bin)).append(" | ").append(d.binCounts()[bin]).append(" |");
      for (int q = 0; q < d.levels().length; q++) {
        b.append(' ').append(fmt(d.coverageByBin()[q][bin])).append(" |");
      }
      b.append('\n');
    }
    b.append("| all | ").append(sum(d.binCounts())).append(" |");
    for (double c : d.coverage()) {
      b.append(' ').append(fmt(c)).append(" |");
    }
    b.append("\n\n## N_e log10 RMSE per grid time\n\n| t (generations) | model | Watterson |\n|---|---|---|\n");
    for (int k = 0; k < d.gridTimes().length; k++) {
      b.append(String.format(Locale.ROOT, "| %.4g | %s | %s |%n", d.gridTimes()[k], fmt(d.neRmsePerTime()[k]),
          fmt(d.neRmsePerTimeWatterson()[k])));
    }
    b.append("\n## SFS residuals (ŝ_k − s_k)/sqrt(max(s_k, 1)), mean over examples\n\n| k | residual |\n|---|---|\n");
    for (int k = 0; k < d.sfsResidual().length; k++) {
      b.append("| ").append(k + 1).append(" | ").append(fmt(d.sfsResidual()[k])).append(" |\n");
    }
    if (r.sbc() != null) {
      int bins = sbcBins(r.sbc());
      b.append(String.format(Locale.ROOT, "%n## SBC ranks of true log10 N_e among %d posterior draws%n%n"
          + "Uniform ranks mean a calibrated posterior; chi-square has %d degrees of freedom "
          + "(0.99 quantile %.1f).%n%n| t (generations) | binned rank counts | chi-square |%n|---|---|---|%n",
          r.sbc().draws(), bins - 1, chiSquare99(bins - 1)));
      for (int g = 0; g < r.sbc().gridIndex().length; g++) {
        int k = r.sbc().gridIndex()[g];
        b.append(String.format(Locale.ROOT, "| %.4g | %s | %.1f |%n", d.gridTimes()[k],
            java.util.Arrays.toString(r.sbc().binned(g, bins)), r.sbc().chiSquare(g, bins)));
      }
    }
    b.append("\nPlots: calibration.png, ne_rmse.png, ").append(r.sbc() != null ? "sbc.png, " : "")
        .append("sfs_residual.png\n");
    return b.toString();
  }

  /** Wilson–Hilferty approximation of the chi-square 0.99 quantile. */
  static double chiSquare99(int df) {
    double z = 2.3263;
    double a = 2.0 / (9 * df);
    return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
  }

  private static String row(String name, double model, double baseline, String baselineName) {
    return "| " + name + " | " + fmt(model) + " | " + fmt(baseline) + " (" + baselineName + ") |\n";
  }

  private static long sum(long[] x) {
    long s = 0;
    for (long v : x) {
      s += v;
    }
    return s;
  }

  private static String fmt(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.4f", x) : "–";
  }

  static byte[] calibrationPng(DiagnosticsReport d) {
    List<Charts.Line> lines = new ArrayList<>();
    lines.add(Charts.Line.dashed("nominal", d.levels(), d.levels()));
    lines.add(Charts.Line.points("all", d.levels(), d.coverage()));
    for (int bin = 0; bin < TimeBins.COUNT; bin++) {
      if (d.binCounts()[bin] == 0) {
        continue;
      }
      double[] y = new double[d.levels().length];
      for (int q = 0; q < y.length; q++) {
        y[q] = d.coverageByBin()[q][bin];
      }
      lines.add(Charts.Line.points(TimeBins.label(bin) + " (" + d.binCounts()[bin] + ")", d.levels(), y));
    }
    return Charts.xy("Gamma interval calibration by true join time (generations)", "nominal coverage",
        "empirical coverage", false, false, lines);
  }

  static byte[] neRmsePng(DiagnosticsReport d) {
    return Charts.xy("N_e log10 RMSE per grid time", "generations ago", "RMSE of log10 N_e", true, false, List.of(
        Charts.Line.solid("model (posterior median)", d.gridTimes(), d.neRmsePerTime()),
        Charts.Line.dashed("constant Watterson", d.gridTimes(), d.neRmsePerTimeWatterson())));
  }

  static byte[] sbcPng(SbcRanks s, double[] grid) {
    int bins = sbcBins(s);
    List<Charts.Line> lines = new ArrayList<>();
    double[] x = new double[bins];
    for (int b = 0; b < bins; b++) {
      x[b] = b + 1;
    }
    for (int g = 0; g < s.gridIndex().length; g++) {
      long[] c = s.binned(g, bins);
      double[] y = new double[bins];
      for (int b = 0; b < bins; b++) {
        y[b] = c[b] / (double) s.examples();
      }
      lines.add(Charts.Line.points(String.format(Locale.ROOT, "t = %.3g", grid[s.gridIndex()[g]]), x, y));
    }
    double[] uniform = new double[bins];
    java.util.Arrays.fill(uniform, 1.0 / bins);
    lines.add(Charts.Line.dashed("uniform", x, uniform));
    return Charts.xy("SBC rank histograms of log10 N_e (" + s.draws() + " draws)", "rank bin (low → high)",
        "fraction of examples", false, false, lines);
  }

  static byte[] sfsPng(DiagnosticsReport d) {
    List<String> k = new ArrayList<>();
    for (int c = 0; c < d.sfsResidual().length; c++) {
      k.add(String.valueOf(c + 1));
    }
    double[] v = d.sfsResidual().clone();
    for (int c = 0; c < v.length; c++) {
      if (!Double.isFinite(v[c])) {
        v[c] = 0;
      }
    }
    return Charts.bars("SFS residuals (ŝ_k − s_k)/sqrt(max(s_k,1))", "derived count k", "mean residual", k, v);
  }
}
