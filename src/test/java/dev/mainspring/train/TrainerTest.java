package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.model.MainspringModel;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop on the smoke preset: exact resume, non-finite losses, flat memory. */
class TrainerTest {
  @TempDir Path dir;

  /** 12 steps, validations at 6 and 12, checkpoints every 4, tiny validation set. */
  private static final TrainConfig CONFIG = TrainConfigJson.override(TrainConfig.preset("smoke"),
      "{\"steps\": 12, \"validateEvery\": 6, \"checkpointEvery\": 4, \"keep\": 2, \"validationSize\": 4,"
          + " \"posteriorSamples\": 16, \"progress\": false, \"plots\": false}").validate();

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  private static TrainingSession.Result run(TrainConfig c, Path out, Path resume, Trainer.Hooks hooks)
      throws Exception {
    return TrainingSession.run(c, out, resume, QUIET, hooks, t -> {});
  }

  /** metrics.csv rows as cells, without the wall-time columns (examples/s, queue wait, step time). */
  private static List<String[]> lossCurve(Path run) throws Exception {
    List<String[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve(MetricsLog.CSV))) {
      String[] c = line.split(",", -1);
      List<String> keep = new ArrayList<>();
      for (int i = 0; i < c.length; i++) {
        if (i < 11 || i > 13) {
          keep.add(c[i]);
        }
      }
      out.add(keep.toArray(String[]::new));
    }
    return out;
  }

  /**
   * Every logged number of every step agrees exactly (the CPU kernels repeat bit for bit, compiled
   * or interpreted, so a resumed run is the uninterrupted run).
   */
  private static void assertSameCurve(List<String[]> expected, List<String[]> actual) {
    assertEquals(expected.size(), actual.size());
    for (int r = 0; r < expected.size(); r++) {
      assertEquals(String.join(",", expected.get(r)), String.join(",", actual.get(r)), "metrics.csv row " + r);
    }
  }

  @Test
  void resumedRunReproducesTheUninterruptedLossCurve() throws Exception {
    Path whole = dir.resolve("whole");
    TrainingSession.Result a = run(CONFIG, whole, null, Trainer.Hooks.NONE);
    assertEquals(Trainer.Status.COMPLETED, a.outcome().status());
    assertEquals(12, a.outcome().stepsDone());

    Path split = dir.resolve("split");
    TrainingSession.Result b1 = run(CONFIG, split, null, new Trainer.Hooks() {
      @Override
      public boolean stopBefore(long step) {
        return step == 7; // as Ctrl-C between steps 7 and 8 would
      }
    });
    assertEquals(Trainer.Status.INTERRUPTED, b1.outcome().status());
    assertEquals(7, b1.outcome().stepsDone());
    Path latest = CheckpointStore.latest(split).orElseThrow();
    assertEquals("step-00000007.ckpt", latest.getFileName().toString());
    TrainConfig saved = TrainConfigJson.read(Files.readString(split.resolve(TrainingSession.CONFIG)));
    TrainingSession.Result b2 = run(saved, split, latest, Trainer.Hooks.NONE);
    assertEquals(Trainer.Status.COMPLETED, b2.outcome().status());

    List<String[]> expected = lossCurve(whole);
    assertEquals(13, expected.size(), "header and 12 steps");
    assertSameCurve(expected, lossCurve(split));
    assertEquals(2, Files.readAllLines(whole.resolve(MetricsLog.JSONL)).size());
    assertEquals(2, Files.readAllLines(split.resolve(MetricsLog.JSONL)).size(), "the resumed run wrote validation 2");
    // Both keep the last two step checkpoints and the best.
    assertEquals(List.of("step-00000008.ckpt", "step-00000012.ckpt"),
        CheckpointStore.stepFiles(split.resolve(CheckpointStore.DIR)).stream().map(p -> p.getFileName().toString())
            .toList());
    assertTrue(Files.exists(split.resolve(CheckpointStore.DIR).resolve(CheckpointStore.BEST)));
  }

  @Test
  void aRunThatStopsOnTheRulesEndsWhenAllThreeHold() throws Exception {
    // Windows of 6 steps = 2 validations 3 steps apart; no change counts as a 99% improvement and
    // every coverage is within 0.99 of 0.9, so all three rules first hold at the third validation.
    TrainConfig c = TrainConfigJson.override(CONFIG, "{\"validateEvery\": 3, \"plateauSteps\": 6,"
        + " \"stallSteps\": 6, \"minImprovement\": 0.99, \"calibrationTolerance\": 0.99, \"stopOnRules\": true}");
    Path out = dir.resolve("rules");
    TrainingSession.Result r = run(c, out, null, Trainer.Hooks.NONE);
    assertEquals(Trainer.Status.STOPPING_RULES, r.outcome().status(), r.outcome().message());
    assertEquals(9, r.outcome().stepsDone());
    assertEquals(Path.of("step-00000009.ckpt"), r.outcome().lastCheckpoint().getFileName());
    // Reported, not obeyed, when stopOnRules is off.
    TrainingSession.Result off = run(TrainConfigJson.override(c, "{\"stopOnRules\": false}"), dir.resolve("off"),
        null, Trainer.Hooks.NONE);
    assertEquals(Trainer.Status.COMPLETED, off.outcome().status());
  }

  @Test
  void withoutTheProgressBarTheLogHasALineEveryHundredthOfTheRun() throws Exception {
    assertEquals(1000, Progress.lineEvery(1_000_000), "the seed's every 1000 steps");
    assertEquals(500, Progress.lineEvery(50_000));
    assertEquals(1, Progress.lineEvery(40));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    TrainingSession.run(CONFIG, dir.resolve("log"), null, log, Trainer.Hooks.NONE, t -> {});
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("step ")).toList();
    assertEquals(12, lines.size(), "T = 12: a line every step; " + lines);
    assertTrue(lines.get(0).startsWith("step 1/12 (phase 1): loss="), lines.get(0));
    for (String key : new String[] {"topo=", "time=", "sfs=", "demo=", "tau=", "lr=", "examples/s"}) {
      assertTrue(lines.get(11).contains(key), key + " in " + lines.get(11));
    }
    // The loss printed is the one metrics.csv holds for that step.
    String[] header = Files.readAllLines(dir.resolve("log").resolve(MetricsLog.CSV)).get(0).split(",");
    String[] row = Files.readAllLines(dir.resolve("log").resolve(MetricsLog.CSV)).get(12).split(",");
    int loss = List.of(header).indexOf("loss");
    assertTrue(loss >= 0, String.join(",", header));
    assertTrue(lines.get(11).contains(String.format(java.util.Locale.ROOT, "loss=%.4f", Double.parseDouble(row[loss]))),
        lines.get(11) + " vs " + row[loss]);
  }

  /** Poisons every element of the named parameter with NaN before step 6. */
  private static Trainer.Hooks poison(String prefix) {
    return new Trainer.Hooks() {
      @Override
      public void beforeStep(long step, MainspringModel model) {
        if (step == 6) {
          Parameter p = model.namedParameters().entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
              .findFirst().orElseThrow().getValue();
          Tensor v = p.value();
          v.backend().fill(v.storage(), v.offset(), v.numel(), Double.NaN);
        }
      }
    };
  }

  private void assertStopsKeepingStepFour(String prefix, String expectedMessage) throws Exception {
    Path out = dir.resolve("nan-" + prefix);
    TrainingSession.Result r = run(CONFIG, out, null, poison(prefix));
    Trainer.Outcome o = r.outcome();
    assertEquals(Trainer.Status.NON_FINITE, o.status(), o.message());
    assertEquals(6, o.stepsDone());
    assertTrue(o.message().contains(expectedMessage), o.message());
    Path good = out.resolve(CheckpointStore.DIR).resolve("step-00000004.ckpt");
    assertEquals(good, o.lastCheckpoint());
    assertTrue(o.message().contains(good.toString()), o.message());
    assertEquals(List.of(good), CheckpointStore.stepFiles(out.resolve(CheckpointStore.DIR)));
    assertEquals(null, r.modelDir(), "a poisoned model is not exported");
    // The kept checkpoint holds finite weights and restores.
    MainspringModel m = new MainspringModel(CONFIG.model(), 99);
    AdamW opt = TrainStep.optimizer(m, CONFIG);
    assertEquals(4, CheckpointStore.restore(good, m, opt, CONFIG).step());
    for (Parameter p : m.parameters()) {
      for (float f : p.value().toFloatArray()) {
        assertTrue(Float.isFinite(f), p.name());
      }
    }
    opt.release();
    m.release();
  }

  @Test
  void aNonFiniteLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
    // The flow's weights only reach L_demo: the forward pass completes with a NaN loss.
    assertStopsKeepingStepFour("demography.coupling", "non-finite loss at step 6");
  }

  @Test
  void nonFiniteWeightsThatBreakTheForwardPassStopTheSameWay() throws Exception {
    // NaN encoder weights make NaN join times, which the threading refuses before a loss exists.
    assertStopsKeepingStepFour("encoder", "non-finite weights in encoder");
  }

  @Test
  void offHeapMemoryStaysFlatAcrossSteps() throws Exception {
    Backend cpu = Backends.cpu();
    long[] inUse = new long[12];
    TrainConfig c = TrainConfigJson.override(CONFIG, "{\"validateEvery\": 12, \"checkpointEvery\": 12}");
    TrainingSession.Result r = run(c, dir.resolve("mem"), null, new Trainer.Hooks() {
      @Override
      public void beforeStep(long step, MainspringModel model) {
        inUse[(int) step] = cpu.memoryStats().bytesInUse();
      }
    });
    assertEquals(Trainer.Status.COMPLETED, r.outcome().status());
    assertNotNull(r.modelDir());
    // After the first steps have created the gradients and AdamW moments, nothing accumulates.
    for (int t = 3; t < 12; t++) {
      assertEquals(inUse[2], inUse[t], "off-heap bytes in use before step " + t);
    }
  }
}
