package dev.mainspring.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mainspring.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's metrics: metrics.csv has one row per training step (validation columns filled on the
 * steps that validated, empty otherwise); metrics.jsonl has one JSON object per validation with the
 * diagnostics under the keys ({@code ne_rmse}, {@code ne_rmse_watterson},
 * {@code target_acc}, {@code target_acc_hamming}, {@code coverage90}, {@code coverage90_by_bin}) and
 * the training state at that step. {@code step} is always the 0-based index of the step just taken
 * (a validation at step t has seen t + 1 steps: {@code steps_done}). Rows are flushed as written, so a killed run keeps its log.
 * Opening for a resume at step t drops the rows of steps ≥ t, which the resumed run writes again.
 */
public final class MetricsLog implements AutoCloseable {
  public static final String CSV = "metrics.csv";
  public static final String JSONL = "metrics.jsonl";
  public static final String HEADER = "step,phase,tau,lr,loss,topo,time,sfs,demo,entropy,grad_norm,"
      + "examples_per_s,queue_wait_ms,step_ms,val_loss,ne_rmse,ne_rmse_watterson,target_acc,target_acc_hamming,"
      + "coverage90,rf";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter csv;
  private final BufferedWriter jsonl;
  private double waitSinceEval;
  private double examplesPerSecondSum;
  private int stepsSinceEval;

  private MetricsLog(BufferedWriter csv, BufferedWriter jsonl) {
    this.csv = csv;
    this.jsonl = jsonl;
  }

  /** Starts fresh logs in {@code dir}, or for {@code resumeStep} > 0 keeps the rows of earlier steps. */
  public static MetricsLog open(Path dir, long resumeStep) throws IOException {
    Path csvFile = dir.resolve(CSV);
    Path jsonFile = dir.resolve(JSONL);
    if (resumeStep > 0) {
      truncate(csvFile, resumeStep, true);
      truncate(jsonFile, resumeStep, false);
    } else {
      AtomicFiles.write(csvFile, (HEADER + "\n").getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(jsonFile, new byte[0]);
    }
    return new MetricsLog(append(csvFile), append(jsonFile));
  }

  private static BufferedWriter append(Path f) throws IOException {
    return Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void truncate(Path f, long resumeStep, boolean csvFile) throws IOException {
    List<String> kept = new ArrayList<>();
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        if (csvFile && line.startsWith("step,")) {
          kept.add(line);
          continue;
        }
        if (stepOf(line, csvFile) < resumeStep) {
          kept.add(line);
        }
      }
    }
    if (csvFile && (kept.isEmpty() || !kept.get(0).startsWith("step,"))) {
      kept.add(0, HEADER);
    }
    StringBuilder sb = new StringBuilder();
    kept.forEach(l -> sb.append(l).append('\n'));
    AtomicFiles.write(f, sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static long stepOf(String line, boolean csvFile) throws IOException {
    if (csvFile) {
      return Long.parseLong(line.substring(0, line.indexOf(',')));
    }
    return JSON.readTree(line).get("step").asLong();
  }

  /** Logs a training step; {@code eval} is that step's validation, or null. */
  public void step(StepMetrics m, ValidationMetrics eval) {
    waitSinceEval += m.queueWaitMs();
    examplesPerSecondSum += m.examplesPerSecond();
    stepsSinceEval++;
    LossValues l = m.loss();
    StringBuilder row = new StringBuilder();
    row.append(m.step()).append(',').append(m.phase());
    for (double v : new double[] {m.tau(), m.lr(), l.total(), l.topo(), l.time(), l.sfs(), l.demo(), l.entropy(),
        m.gradNorm(), m.examplesPerSecond(), m.queueWaitMs(), m.stepMs()}) {
      row.append(',').append(num(v));
    }
    if (eval != null) {
      for (double v : new double[] {eval.loss().total(), eval.neRmse(), eval.neRmseWatterson(), eval.targetAcc(),
          eval.targetAccHamming(), eval.coverage90(), eval.rfDistance()}) {
        row.append(',').append(num(v));
      }
    } else {
      row.append(",,,,,,,");
    }
    write(csv, row.toString());
  }

  /**
   * Logs a validation at step {@code m.step()}: the diagnostics, the step's training state, the
   * mean queue wait and examples/s since the previous validation, which stopping rules hold, and
   * how long the validation took.
   */
  public ObjectNode evaluation(StepMetrics m, ValidationMetrics v, Map<String, Boolean> rules,
      double validationSeconds) {
    ObjectNode o = JSON.createObjectNode();
    o.put("step", m.step());
    o.put("steps_done", m.step() + 1);
    o.put("phase", m.phase());
    o.put("tau", m.tau());
    o.put("lr", m.lr());
    put(o, "loss", m.loss().total());
    put(o, "topo", m.loss().topo());
    put(o, "time", m.loss().time());
    put(o, "sfs", m.loss().sfs());
    put(o, "demo", m.loss().demo());
    put(o, "entropy", m.loss().entropy());
    int n = Math.max(1, stepsSinceEval);
    put(o, "examples_per_s", examplesPerSecondSum / n);
    put(o, "queue_wait_ms", waitSinceEval / n);
    o.put("validation_count", v.count());
    put(o, "validation_s", validationSeconds);
    put(o, "val_loss", v.loss().total());
    put(o, "val_topo", v.loss().topo());
    put(o, "val_time", v.loss().time());
    put(o, "val_sfs", v.loss().sfs());
    put(o, "val_demo", v.loss().demo());
    put(o, "val_entropy", v.loss().entropy());
    put(o, "ne_rmse", v.neRmse());
    put(o, "ne_rmse_watterson", v.neRmseWatterson());
    put(o, "target_acc", v.targetAcc());
    put(o, "target_acc_hamming", v.targetAccHamming());
    put(o, "coverage90", v.coverage90());
    ArrayNode bins = o.putArray("coverage90_by_bin");
    for (double c : v.coverage90ByBin()) {
      put(bins, c);
    }
    ArrayNode labels = o.putArray("coverage_bins");
    v.binLabels().forEach(labels::add);
    put(o, "rf", v.rfDistance());
    ArrayNode sfs = o.putArray("sfs_residual");
    for (double c : v.sfsResidual()) {
      put(sfs, c);
    }
    ObjectNode r = o.putObject("stopping_rules");
    rules.forEach(r::put);
    write(jsonl, o.toString());
    waitSinceEval = 0;
    examplesPerSecondSum = 0;
    stepsSinceEval = 0;
    return o;
  }

  // JSON has no NaN: a diagnostic that is undefined (an empty bin) is written as null.
  private static void put(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  private static void put(ArrayNode a, double v) {
    if (Double.isFinite(v)) {
      a.add(v);
    } else {
      a.addNull();
    }
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : Double.isNaN(v) ? "NaN" : v > 0 ? "Inf"
        : "-Inf";
  }

  private static void write(BufferedWriter w, String line) {
    try {
      w.write(line);
      w.newLine();
      w.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write metrics", e);
    }
  }

  @Override
  public void close() throws IOException {
    csv.close();
    jsonl.close();
  }
}
