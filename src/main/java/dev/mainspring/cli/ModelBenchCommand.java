package dev.mainspring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.LossTerms;
import dev.mainspring.model.LossWeights;
import dev.mainspring.model.MainspringModel;
import dev.mainspring.model.ModelConfig;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench model}: wall time of one training forward pass (all four losses, no tape) and of
 * one forward + backward step of the whole model on a fixed batch of simulated examples (phase 1
 * prior, the preset's n, G and crop), per preset. The forward + backward row carries the forward
 * time of the same run as its baseline, so the ratio is the cost of the backward pass. Rows also give
 * the median process CPU ms per repetition ({@code cpu_value}, all threads) and the load average:
 * on a shared machine wall time includes waiting for a core.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Model forward and forward+backward time per batch, per preset.")
final class ModelBenchCommand implements Callable<Integer> {
  @Option(names = "--presets", split = ",", description = "Presets to measure (default: ${DEFAULT-VALUE}).")
  List<String> presets = List.of("small", "base");

  @Option(names = "--batch", description = "Examples per batch; 0: 4 for smoke and small, 16 for base (MODEL.md).")
  int batch = 0;

  @Option(names = "--repeats", description = "Timed repetitions per measurement (default: ${DEFAULT-VALUE}).")
  int repeats = 5;

  @Option(names = "--warmup", description = "Untimed repetitions first (default: ${DEFAULT-VALUE}).")
  int warmup = 2;

  @Option(names = "--width", description = "Override the preset's width d (0: keep).")
  int width = 0;

  @Option(names = "--blocks", description = "Override the preset's encoder blocks (0: keep).")
  int blocks = 0;

  @Option(names = "--window", description = "Override the preset's band half-width w (0: keep).")
  int window = 0;

  @Option(names = "--gnn-rounds", description = "Override the preset's GNN rounds (0: keep).")
  int rounds = 0;

  @Spec CommandSpec spec;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    if (repeats < 1 || warmup < 0 || batch < 0) {
      throw new UserError("need --repeats >= 1, --warmup >= 0 and --batch >= 0");
    }
    for (String name : presets) {
      ModelConfig c;
      try {
        c = ModelConfig.preset(name);
        c = new ModelConfig(width + blocks + window + rounds == 0 ? c.preset() : "custom", c.samples(),
            c.sequenceLength(), c.mu(), c.rho(), c.maxSites(), width > 0 ? width : c.width(), c.heads(),
            blocks > 0 ? blocks : c.blocks(), window > 0 ? window : c.window(), rounds > 0 ? rounds : c.gnnRounds(),
            c.flowLayers(), c.flowHidden(), c.contextWidth());
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      int b = batch > 0 ? batch : name.equals("base") ? 16 : 4;
      List<TrainingExample> examples = examples(c, b);
      Batch data = Batch.ofExamples(examples);
      MainspringModel model = new MainspringModel(c, 1);
      LossWeights weights = new LossWeights(1, 1, 1);
      int meanSites = (int) examples.stream().mapToInt(e -> e.S).average().orElse(0);
      spec.commandLine().getErr().printf(Locale.ROOT, "bench model: %s, batch %d, mean S %d, %d parameters%n",
          name, b, meanSites, model.numParameters());
      double[][] forward = time(() -> {
        try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
          model.losses(data, weights, 1.0, 3).total().item();
        }
      });
      double[][] step = time(() -> {
        try (Scope s = Scope.open()) {
          LossTerms t = model.losses(data, weights, 1.0, 3);
          Autograd.backward(t.total());
        }
        model.zeroGrad();
      });
      double f = median(forward[0]);
      double fb = median(step[0]);
      Map<String, Object> row = row(name, "forward", b, meanSites, model.numParameters());
      config(row, c);
      row.put("value", BenchRecords.round3(f));
      row.put("unit", "ms/batch");
      row.put("stat", "median of " + repeats);
      row.put("cpu_value", BenchRecords.round3(median(forward[1])));
      row.put("load_average", loadAverage());
      print(row);
      row = row(name, "forward_backward", b, meanSites, model.numParameters());
      config(row, c);
      row.put("value", BenchRecords.round3(fb));
      row.put("unit", "ms/batch");
      row.put("stat", "median of " + repeats);
      row.put("cpu_value", BenchRecords.round3(median(step[1])));
      row.put("load_average", loadAverage());
      row.put("baseline", "forward, same run");
      row.put("baseline_value", BenchRecords.round3(f));
      row.put("ratio_vs_baseline", BenchRecords.round3(fb / f));
      print(row);
      model.release();
    }
    return 0;
  }

  private static List<TrainingExample> examples(ModelConfig c, int count) {
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config
        .prior(c.samples(), c.sequenceLength(), c.mu(), c.rho(), CurriculumPhase.PHASE1).withMaxSites(c.maxSites()));
    List<TrainingExample> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(sim.simulate(20261127L, k));
    }
    return out;
  }

  /** Wall ms per repetition in [0], process CPU ms per repetition in [1]. */
  private double[][] time(Runnable r) {
    for (int i = 0; i < warmup; i++) {
      r.run();
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double[][] ms = new double[2][repeats];
    for (int i = 0; i < repeats; i++) {
      long c0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      r.run();
      ms[0][i] = (System.nanoTime() - t0) / 1e6;
      ms[1][i] = (os.getProcessCpuTime() - c0) / 1e6;
    }
    return ms;
  }

  private Map<String, Object> row(String preset, String part, int b, int meanSites, long params) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("bench", "model");
    row.put("preset", preset);
    row.put("part", part);
    row.put("batch", b);
    row.put("mean_sites", meanSites);
    row.put("parameters", params);
    row.put("threads", Runtime.getRuntime().availableProcessors());
    return row;
  }

  private static void config(Map<String, Object> row, ModelConfig c) {
    row.put("n", c.samples());
    row.put("width", c.width());
    row.put("blocks", c.blocks());
    row.put("window", c.window());
    row.put("gnn_rounds", c.gnnRounds());
  }

  private void print(Map<String, Object> row) throws Exception {
    spec.commandLine().getOut().println(json.writeValueAsString(row));
    spec.commandLine().getOut().flush();
  }

  private static double loadAverage() {
    return BenchRecords.round3(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

}
