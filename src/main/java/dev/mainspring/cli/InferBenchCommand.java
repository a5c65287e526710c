package dev.mainspring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.infer.ArgThreading;
import dev.mainspring.model.Batch;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.model.Prediction;
import dev.mainspring.sim.prior.CurriculumPhase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Inference throughput: datasets per second through the model's {@code predict} (the forward pass
 * and the N_e posterior) plus threading each dataset's ARG, at each preset, on datasets simulated
 * at the preset's configuration (phase-3 prior, cropped to maxSites). The baseline is the same work
 * one dataset at a time (batch 1), measured in the same run; the ratio is the batching gain.
 * Weights are freshly initialised: throughput does not depend on their values.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Inference datasets/s at each preset (batched vs one at a time); one JSON object per measurement.")
final class InferBenchCommand implements Callable<Integer> {
  @Option(names = "--preset", split = ",", defaultValue = "small,base",
      description = "presets, comma-separated (default ${DEFAULT-VALUE})")
  String[] presets;

  @Option(names = "--batch", defaultValue = "16", description = "batch size (default ${DEFAULT-VALUE})")
  int batch;

  @Option(names = "--datasets", defaultValue = "32",
      description = "datasets timed per measurement (default ${DEFAULT-VALUE})")
  int datasets;

  @Option(names = "--posterior-samples", defaultValue = "1000",
      description = "flow samples per dataset (default ${DEFAULT-VALUE})")
  int posteriorSamples;

  @Option(names = "--warmup", defaultValue = "2",
      description = "untimed batches of each size first (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--no-baseline", description = "skip the batch-1 baseline")
  boolean noBaseline;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || datasets < 1 || warmup < 0) {
      throw new UserError("--batch and --datasets must be positive, --warmup >= 0");
    }
    PosteriorSamples.check(posteriorSamples, spec.commandLine().getErr());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (String p : presets) {
      ModelConfig c;
      try {
        c = ModelConfig.preset(p);
      } catch (IllegalArgumentException e) {
        throw new UserError("--preset: " + e.getMessage());
      }
      err.printf(Locale.ROOT, "bench infer: preset %s (n=%d, G=%.0f, maxSites %d), %d datasets%n", p, c.samples(),
          c.sequenceLength(), c.maxSites(), datasets);
      ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config.prior(c.samples(), c.sequenceLength(),
          c.mu(), c.rho(), CurriculumPhase.PHASE3).withMaxSites(c.maxSites()));
      List<Observation> data = new ArrayList<>();
      double sites = 0;
      for (int i = 0; data.size() < datasets; i++) {
        TrainingExample ex = sim.simulate(77, i);
        if (ex.S > 0) {
          data.add(ex.observation());
          sites += ex.S;
        }
      }
      MainspringModel model = new MainspringModel(c, 1);
      try {
        // Warm both paths before timing either, so neither pays the JIT's compilation.
        warm(model, data, batch);
        if (!noBaseline) {
          warm(model, data, 1);
        }
        double batched = rate(model, data, batch);
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("bench", "infer");
        rec.put("preset", p);
        rec.put("device", "cpu");
        rec.put("batch", batch);
        rec.put("datasets", datasets);
        rec.put("mean_sites", sites / datasets);
        rec.put("posterior_samples", posteriorSamples);
        rec.put("value", batched);
        rec.put("unit", "datasets/s");
        rec.put("load_average", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage());
        if (!noBaseline) {
          double single = rate(model, data, 1);
          rec.put("baseline", "batch 1");
          rec.put("baseline_value", single);
          rec.put("ratio", batched / single);
        }
        out.println(JSON.writeValueAsString(rec));
        out.flush();
      } finally {
        model.release();
      }
    }
    return 0;
  }

  private void warm(MainspringModel model, List<Observation> data, int b) {
    for (int w = 0; w < warmup; w++) {
      run(model, data.subList(0, Math.min(b, data.size())));
    }
  }

  /** Datasets/s of predict + ARG threading over all data in batches of b. */
  private double rate(MainspringModel model, List<Observation> data, int b) {
    long start = System.nanoTime();
    for (int from = 0; from < data.size(); from += b) {
      run(model, data.subList(from, Math.min(data.size(), from + b)));
    }
    return data.size() / ((System.nanoTime() - start) / 1e9);
  }

  private void run(MainspringModel model, List<Observation> chunk) {
    List<Prediction> preds = model.predict(Batch.ofObservations(chunk), posteriorSamples, 5);
    ArgThreading.threadAll(chunk, preds);
  }
}
