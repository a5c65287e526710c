package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.model.MainspringModel;
import dev.mainspring.train.AdamW;
import dev.mainspring.train.CheckpointStore;
import dev.mainspring.train.TrainConfig;
import dev.mainspring.train.TrainConfigJson;
import dev.mainspring.train.TrainStep;
import dev.mainspring.train.TrainerState;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad train options get one clear line and exit code 2, before anything is simulated or trained. */
class TrainCommandTest {
  @TempDir Path dir;

  private void assertError(String expected, String... args) {
    CliRun r = CliRun.run(args);
    assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
    assertTrue(r.err().contains(expected), String.join(" ", args) + " → " + r.err());
  }

  @Test
  void badOptionsAreExplained() throws Exception {
    assertError("unknown preset 'huge'", "train", "--preset", "huge");
    assertError("--steps must be at least 1", "train", "--steps", "0");
    assertError("--keep must be at least 1", "train", "--keep", "0");
    assertError("--time-limit must be ≥ 0", "train", "--time-limit", "-1");
    assertError("--device must be cpu, cuda or auto", "train", "--device", "tpu");
    if (dev.mainspring.backend.cuda.CudaBackend.unavailableReason() != null) {
      assertError("--device cuda: the CUDA backend cannot run here", "train", "--preset", "smoke", "--device", "cuda",
          "--out", dir.resolve("run").toString());
    }
    assertError("--config: no such file", "train", "--config", dir.resolve("none.json").toString());
    Path bad = Files.writeString(dir.resolve("bad.json"), "{\"batchSize\": 4, \"stepz\": 3}");
    assertError("unknown config field 'stepz'", "train", "--config", bad.toString());
    Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"batchSize\": 0}");
    assertError("'batchSize'", "train", "--config", wrong.toString());
    CliRun r = CliRun.run("train", "--steps", "many");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--steps"), r.err());
  }

  @Test
  void resumeRefusesWhatItCannotHonour() throws Exception {
    assertError("no such run folder", "train", "--resume", dir.resolve("absent").toString());
    assertError("has no checkpoints", "train", "--resume", dir.toString());
    assertError("--steps, --seed cannot change them", "train", "--resume", dir.toString(), "--steps", "5", "--seed",
        "3");
    assertError("--preset cannot change them", "train", "--resume", dir.toString(), "--preset", "small");
  }

  /** A run folder with one step checkpoint of the smoke preset, stopOnRules as given. */
  private Path runWithCheckpoint(String name, boolean stopOnRules) throws Exception {
    Path run = dir.resolve(name);
    TrainConfig c = TrainConfigJson.override(TrainConfig.preset("smoke"), "{\"stopOnRules\": " + stopOnRules + "}")
        .withSteps(40);
    MainspringModel model = new MainspringModel(c.model(), c.seed());
    AdamW opt = TrainStep.optimizer(model, c);
    new CheckpointStore(run, 1).save(model, opt, c, TrainerState.initial());
    opt.release();
    model.release();
    return run;
  }

  private static TrainConfig resumed(Path run, String... options) throws Exception {
    TrainCommand cmd = new TrainCommand();
    List<String> args = new ArrayList<>(List.of("--resume", run.toString()));
    args.addAll(List.of(options));
    new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
    return cmd.resumedConfig(CheckpointStore.latest(run).orElseThrow());
  }

  @Test
  void resumeCanTurnStoppingOnTheRulesOnAndOff() throws Exception {
    // Accepted with --resume (the rules' histories are in the checkpoint whatever the setting).
    assertError("has no checkpoints", "train", "--resume", dir.toString(), "--stop-on-rules");
    assertError("has no checkpoints", "train", "--resume", dir.toString(), "--no-stop-on-rules");
    Path off = runWithCheckpoint("off", false);
    assertFalse(resumed(off).stopOnRules(), "kept from the checkpoint");
    assertTrue(resumed(off, "--stop-on-rules").stopOnRules());
    Path on = runWithCheckpoint("on", true);
    assertTrue(resumed(on).stopOnRules());
    assertFalse(resumed(on, "--no-stop-on-rules").stopOnRules());
    assertFalse(resumed(on, "--stop-on-rules=false").stopOnRules());
    // Nothing else of the run changes.
    TrainConfig before = CheckpointStore.peek(CheckpointStore.latest(on).orElseThrow()).config();
    assertEquals(TrainConfigJson.override(before, "{\"stopOnRules\": false}"), resumed(on, "--no-stop-on-rules"));
  }

  @Test
  void helpStatesTheDefaultsTheCodeUses() {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("train", "--help"));
    // picocli wraps descriptions at the terminal width: compare with the line breaks taken out.
    String help = out.toString().replaceAll("\\s+", " ");
    for (String preset : new String[] {"smoke", "small", "base"}) {
      TrainConfig c = TrainConfig.preset(preset);
      String validate = c.validateEvery() > 0 ? String.valueOf(c.validateEvery()) : "T/" + TrainConfig.DEFAULT_VALIDATIONS;
      String checkpoint = c.checkpointEvery() > 0 ? String.valueOf(c.checkpointEvery()) : "T/4";
      assertTrue(help.matches("(?s).*--validate-every=N [^-]*\\b" + preset + " " + validate + "\\b.*"),
          "--validate-every default for " + preset + " (" + validate + "): " + help);
      assertTrue(help.matches("(?s).*--checkpoint-every=N [^-]*\\b" + preset + " " + checkpoint + "\\b.*"),
          "--checkpoint-every default for " + preset + " (" + checkpoint + "): " + help);
    }
    assertFalse(help.contains("T/8"), help);
  }

  private static TrainConfig fresh(String... options) {
    TrainCommand cmd = new TrainCommand();
    new CommandLine(cmd).parseArgs(options);
    return cmd.freshConfig();
  }

  @Test
  void theRecipesBatchSizeRateAndPhasesAreOptions() throws Exception {
    TrainConfig c = fresh("--preset", "smoke", "--batch-size", "3", "--lr", "2e-3", "--no-phase4");
    assertEquals(3, c.batchSize());
    assertEquals(2e-3, c.lr());
    assertEquals(List.of(0.1, 0.3, 1.0), c.phaseBoundaries());
    c.validate();
    // Phase 4 never starts: its first step is T.
    TrainConfig r = c.withSteps(100);
    assertEquals(100, new dev.mainspring.train.Curriculum(100, r.phaseBoundaries()).start(4));
    assertEquals(3, new dev.mainspring.train.Curriculum(100, r.phaseBoundaries()).at(99).number());
    // Without the options: the preset's.
    TrainConfig p = fresh("--preset", "base");
    assertEquals(TrainConfig.preset("base").batchSize(), p.batchSize());
    assertEquals(TrainConfig.SEED_BOUNDARIES, p.phaseBoundaries());
    // --no-phase4 keeps the --config file's first two boundaries.
    Path json = Files.writeString(dir.resolve("b.json"), "{\"phaseBoundaries\": [0.2, 0.5, 0.9]}");
    assertEquals(List.of(0.2, 0.5, 1.0), fresh("--config", json.toString(), "--no-phase4").phaseBoundaries());

    assertError("--batch-size must be at least 1, got 0", "train", "--batch-size", "0");
    assertError("--lr must be a positive number, got 0.0", "train", "--lr", "0");
    assertError("--lr must be a positive number, got -1.0", "train", "--lr", "-1");
    assertError("--lr must be a positive number, got NaN", "train", "--lr", "NaN");
    assertError("--batch-size, --lr, --no-phase4 cannot change them", "train", "--resume", dir.toString(),
        "--batch-size", "8", "--lr", "1e-3", "--no-phase4");
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.execute("train", "--help");
    String help = out.toString().replaceAll("\\s+", " ");
    for (String o : new String[] {"--batch-size=B", "--lr=RATE", "--no-phase4", "phaseBoundaries", "tauMax", "mu, rho"}) {
      assertTrue(help.contains(o), o + " in train --help: " + help);
    }
  }

  @Test
  void anExistingRunIsNotOverwritten() throws Exception {
    Files.writeString(dir.resolve("config.json"), "{}");
    assertError("already holds a run", "train", "--preset", "smoke", "--device", "cpu", "--out", dir.toString());
  }
}
