package dev.mainspring.cli;

import dev.mainspring.infer.Haplotypes;
import dev.mainspring.infer.Inference;
import dev.mainspring.infer.NePlot;
import dev.mainspring.infer.PhasedVcfReader;
import dev.mainspring.infer.TreeSequenceHaplotypes;
import dev.mainspring.infer.Window;
import dev.mainspring.io.AtomicFiles;
import dev.mainspring.io.InvalidFileException;
import dev.mainspring.io.TreesFile;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.ModelStore;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import dev.mainspring.train.CheckpointStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a trained model on real or simulated data: reads phased haplotypes, runs the model window by
 * window, and writes the ARG, the N_e(t) posterior and its plot together, or nothing on failure.
 */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Infer the ARG and the N_e(t) posterior of one chromosome with a trained model.",
        "Writes PREFIX.trees (tskit), PREFIX.ne.csv (grid time, median, 5%% and 95%% of N_e) and PREFIX.ne.png.",
        "The chromosome is cut into windows of the model's sequence length; a window with more sites than the "
            + "model's maxSites is cut further at site mid-points. Stretches without sites take the tree on "
            + "their left. N_e: length-weighted mean of the windows' log10 quantiles."})
final class InferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--checkpoint", paramLabel = "DIR|FILE", required = true,
      description = "Model directory (model.json + model.safetensors) exported by train, or a training "
          + "checkpoint such as RUN/checkpoints/best.ckpt (the best validation N_e RMSE of the run).")
  Path checkpoint;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--vcf", paramLabel = "FILE",
        description = "Phased VCF (plain, .gz or bgzip): haploid calls are one genome, phased diploid calls two.")
    Path vcf;

    @Option(names = "--trees", paramLabel = "FILE", description = "Take the genotypes from a tskit .trees file.")
    Path trees;
  }

  @Option(names = "--out", paramLabel = "PREFIX", required = true, description = "Output prefix.")
  Path out;

  @Option(names = "--chrom", paramLabel = "NAME", description = "Chromosome to read when the VCF holds several.")
  String chrom;

  @Option(names = "--mu", paramLabel = "RATE",
      description = "Mutation rate per bp per generation of the data (default: the model's).")
  Double mu;

  @Option(names = "--rho", paramLabel = "RATE",
      description = "Recombination rate per bp per generation of the data (default: the model's).")
  Double rho;

  @Option(names = "--batch", paramLabel = "N", description = "Windows per forward pass (default: ${DEFAULT-VALUE}).")
  int batch = 16;

  @Option(names = "--posterior-samples", paramLabel = "N",
      description = "Flow samples per window for the N_e posterior (default: ${DEFAULT-VALUE}).")
  int posteriorSamples = 1000;

  @Option(names = "--seed", description = "Seed of the posterior samples (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    validate();
    MainspringModel model = loadModel(checkpoint);
    ModelConfig config = model.config();
    Haplotypes h = readInput();
    try {
      Inference.requireCompatible(h, config);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    err.printf(Locale.ROOT, "read %d sites on %s (%.0f bp) for %d genomes in %d individuals; skipped %d record(s)%s%n",
        h.sites(), h.contig(), h.sequenceLength(), h.genomes(), h.individuals().length, h.skippedTotal(),
        h.skippedTotal() == 0 ? "" : ": " + describe(h.skipped()));
    List<Window> windows = Inference.windows(h, config);
    long used = windows.stream().filter(w -> w.sites() > 0).count();
    reportWindows(err, windows, config);
    Inference.Options options = new Inference.Options(batch, posteriorSamples, seed,
        mu != null ? mu : config.mu(), rho != null ? rho : config.rho());
    Inference.Result result;
    long start = System.nanoTime();
    try (ProgressBar bar = ConsoleProgress.open("infer", used, " windows", noProgress)) {
      result = Inference.run(model, h, options, ConsoleProgress.stepper(bar));
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    } finally {
      model.release();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    TreeSequence ts = result.trees();
    List<String> problems = TreeSequenceValidator.check(ts);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("the inferred tree sequence is invalid: " + String.join("; ", problems));
    }
    Path trees = sibling(".trees");
    Path csv = sibling(".ne.csv");
    Path png = sibling(".ne.png");
    try (AtomicFiles.Staged staged = new AtomicFiles.Staged()) {
      staged.write(trees, TreesFile.bytes(ts, provenance(config, h), UUID.randomUUID().toString()));
      staged.write(csv, result.ne().csv().getBytes(StandardCharsets.UTF_8));
      staged.write(png, NePlot.png(result.ne(),
          "N_e(t) posterior, chromosome " + h.contig() + " (" + used + " windows)"));
      staged.commit();
    } catch (IOException e) {
      throw new UserError("cannot write output: " + e.getMessage(), e);
    }
    err.printf(Locale.ROOT, "inferred %d windows in %.1f s (%.2f windows/s): %d trees, %d nodes, %d edges%n", used,
        seconds, used / seconds, ts.numTrees(), ts.numNodes(), ts.numEdges());
    err.printf("wrote %s, %s, %s%n", trees, csv, png);
    return 0;
  }

  private void validate() {
    if (batch < 1) {
      throw new UserError("--batch must be at least 1, got " + batch);
    }
    PosteriorSamples.check(posteriorSamples, spec.commandLine().getErr());
    if (mu != null && (!(mu > 0) || !Double.isFinite(mu))) {
      throw new UserError("--mu must be a positive rate, got " + mu);
    }
    if (rho != null && (!(rho >= 0) || !Double.isFinite(rho))) {
      throw new UserError("--rho must be a finite rate >= 0, got " + rho);
    }
    Path dir = out.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserError("--out " + out + ": directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new UserError("--out " + out + ": directory " + dir + " is not writable");
    }
    Path in = input.vcf != null ? input.vcf : input.trees;
    if (!Files.isRegularFile(in)) {
      throw new UserError((input.vcf != null ? "--vcf " : "--trees ") + in
          + (Files.exists(in) ? " is not a regular file" : ": no such file"));
    }
  }

  /** A model directory exported by train, or a training checkpoint file (best.ckpt, step-*.ckpt). */
  static MainspringModel loadModel(Path dir) {
    try {
      if (Files.isRegularFile(dir)) {
        return CheckpointStore.model(dir);
      }
      return ModelStore.load(dir);
    } catch (NoSuchFileException e) {
      throw new UserError("--checkpoint: no such file " + e.getFile());
    } catch (InvalidFileException e) {
      throw new UserError("--checkpoint: " + e.getMessage());
    } catch (IOException e) {
      throw new UserError("--checkpoint " + dir + ": cannot read: " + e.getMessage(), e);
    }
  }

  private Haplotypes readInput() {
    try {
      if (input.vcf != null) {
        return PhasedVcfReader.read(input.vcf, chrom);
      }
      if (chrom != null) {
        throw new UserError("--chrom applies to --vcf only");
      }
      return TreeSequenceHaplotypes.of(TreesFile.read(input.trees));
    } catch (InvalidFileException e) {
      throw new UserError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(input.trees + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UserError("cannot read " + (input.vcf != null ? input.vcf : input.trees) + ": " + e.getMessage(), e);
    }
  }

  private static void reportWindows(PrintWriter err, List<Window> windows, ModelConfig config) {
    int blocks = windows.isEmpty() ? 0 : windows.get(windows.size() - 1).block() + 1;
    long empty = windows.stream().filter(w -> w.sites() == 0).count();
    int split = Inference.countSplit(windows);
    err.printf(Locale.ROOT, "%d windows of %.0f bp", blocks, config.sequenceLength());
    if (split > 0) {
      err.printf(Locale.ROOT, "; %d held more than %d sites and were cut into %d pieces", split, config.maxSites(),
          windows.size() - blocks + split);
    }
    err.println();
    if (empty > 0) {
      err.printf(Locale.ROOT, "warning: %d window(s) have no sites (first: [%.0f, %.0f)); they take the tree on "
          + "their left and add nothing to N_e%n", empty,
          windows.stream().filter(w -> w.sites() == 0).findFirst().orElseThrow().start(),
          windows.stream().filter(w -> w.sites() == 0).findFirst().orElseThrow().end());
    }
  }

  private Path sibling(String suffix) {
    return out.toAbsolutePath().resolveSibling(out.getFileName() + suffix);
  }

  private String provenance(ModelConfig config, Haplotypes h) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("checkpoint", checkpoint.toAbsolutePath().toString());
    params.put("input", (input.vcf != null ? input.vcf : input.trees).toAbsolutePath().toString());
    params.put("contig", h.contig());
    params.put("model_preset", config.preset());
    params.put("mutation_rate", mu != null ? mu : config.mu());
    params.put("recombination_rate", rho != null ? rho : config.rho());
    params.put("posterior_samples", posteriorSamples);
    params.put("random_seed", seed);
    params.put("skipped_records", h.skipped());
    String version = new VersionProvider().getVersion()[0].replaceFirst("^mainspring ", "");
    return TreesFile.provenance(version, "infer", params);
  }

  private static String describe(Map<String, Long> skipped) {
    StringBuilder b = new StringBuilder();
    skipped.forEach((reason, count) -> b.append(b.isEmpty() ? "" : ", ").append(count).append(' ').append(reason));
    return b.toString();
  }
}
