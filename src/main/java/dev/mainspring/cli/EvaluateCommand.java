package dev.mainspring.cli;

import dev.mainspring.eval.Evaluation;
import dev.mainspring.eval.EvaluationReport;
import dev.mainspring.io.AtomicFiles;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Simulates a held-out set, runs the model on it and writes the diagnostics report with plots. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Evaluate a trained model on a simulated held-out set at its configuration.",
        "Writes DIR/report.json, DIR/report.md and PNG plots: calibration.png (gamma interval coverage at "
            + "50/80/90/95%% per join-time bin), ne_rmse.png (N_e log10 RMSE per grid time beside the constant "
            + "Watterson baseline), sbc.png (simulation-based calibration ranks of N_e) and sfs_residual.png."})
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", paramLabel = "DIR|FILE", required = true,
      description = "Model directory (model.json + model.safetensors) exported by train, or a training "
          + "checkpoint such as RUN/checkpoints/best.ckpt.")
  Path checkpoint;

  @Option(names = "--prior", paramLabel = "PHASE",
      description = "Curriculum prior of the held-out demographies: phase1..phase4 (default: ${DEFAULT-VALUE}).")
  String prior = "phase3";

  @Option(names = "--n", paramLabel = "COUNT", description = "Held-out simulations (default: ${DEFAULT-VALUE}).")
  int count = 1000;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Report directory (created if needed).")
  Path out;

  @Option(names = "--seed", description = "Seed of the held-out set; keep it apart from training seeds "
      + "(default: ${DEFAULT-VALUE}).")
  long seed = 990_001;

  @Option(names = "--batch", paramLabel = "N", description = "Examples per forward pass (default: ${DEFAULT-VALUE}).")
  int batch = 16;

  @Option(names = "--posterior-samples", paramLabel = "N",
      description = "Flow samples for each N_e posterior summary (default: ${DEFAULT-VALUE}).")
  int posteriorSamples = 1000;

  @Option(names = "--sbc-draws", paramLabel = "L",
      description = "Posterior draws per example for SBC ranks, one forward pass each; 0 skips SBC "
          + "(default: ${DEFAULT-VALUE}).")
  int sbcDraws = 19;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    CurriculumPhase phase;
    try {
      phase = CurriculumPhase.parse(prior);
    } catch (IllegalArgumentException e) {
      throw new UserError("--prior: " + e.getMessage());
    }
    if (count < 1) {
      throw new UserError("--n must be at least 1, got " + count);
    }
    if (batch < 1 || sbcDraws < 0) {
      throw new UserError("--batch must be at least 1 and --sbc-draws at least 0");
    }
    PosteriorSamples.check(posteriorSamples, spec.commandLine().getErr());
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UserError("--out " + out + " exists and is not a directory");
    }
    MainspringModel model = InferCommand.loadModel(checkpoint);
    Evaluation.Result r;
    Evaluation.Options o = new Evaluation.Options(phase, count, seed, batch, posteriorSamples, sbcDraws);
    try (ProgressBar bar = ConsoleProgress.open("evaluate", count, null, noProgress)) {
      r = Evaluation.run(model, o, ConsoleProgress.stepper(bar));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } finally {
      model.release();
    }
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("checkpoint", checkpoint.toAbsolutePath().toString());
    try {
      Files.createDirectories(out);
      Map<String, byte[]> files = EvaluationReport.files(r, context);
      try (AtomicFiles.Staged staged = new AtomicFiles.Staged()) {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          staged.write(out.resolve(f.getKey()), f.getValue());
        }
        staged.commit();
      }
    } catch (IOException e) {
      throw new UserError("cannot write the report: " + e.getMessage(), e);
    }
    var d = r.diagnostics();
    err.printf(Locale.ROOT, "evaluated %d examples in %.1f s%n", d.count(), r.seconds());
    err.printf(Locale.ROOT, "N_e log10 RMSE %.4f (Watterson %.4f); target accuracy %.4f (Hamming %.4f); "
        + "coverage90 %.4f; RF %.4f%n", d.neRmse(), d.neRmseWatterson(), d.targetAcc(), d.targetAccHamming(),
        d.coverage90(), d.rfDistance());
    err.printf("wrote %s/report.md, report.json and plots%n", out);
    return 0;
  }
}
