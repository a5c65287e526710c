package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.io.TreesFile;
import dev.mainspring.sim.TreeSequence;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infer and evaluate take a run's best.ckpt (or any step checkpoint) as well as its exported model. */
class CheckpointAsModelTest {
  @TempDir Path dir;

  @Test
  void bestCheckpointInfersLikeTheExportedModelOfTheSameStep() throws IOException {
    Path run = dir.resolve("run");
    CliRun t = CliRun.run("train", "--preset", "smoke", "--device", "cpu", "--steps", "2",
        "--validate-every", "2", "--no-progress", "--no-plots", "--out", run.toString());
    assertEquals(0, t.code(), t.err());
    Path best = run.resolve("checkpoints").resolve("best.ckpt");
    assertTrue(Files.isRegularFile(best));
    CliRun sim = CliRun.run("simulate", "--samples", "8", "--length", "20000", "--seed",
        "4", "--out", dir.resolve("sim").toString());
    assertEquals(0, sim.code(), sim.err());
    String[] common = {"--trees", dir.resolve("sim.trees").toString(), "--posterior-samples", "50", "--no-progress"};
    CliRun fromModel = CliRun.run(concat(new String[] {"infer", "--checkpoint",
        run.resolve("model").toString(), "--out", dir.resolve("a").toString()}, common));
    assertEquals(0, fromModel.code(), fromModel.err());
    CliRun fromBest = CliRun.run(concat(new String[] {"infer", "--checkpoint",
        best.toString(), "--out", dir.resolve("b").toString()}, common));
    assertEquals(0, fromBest.code(), fromBest.err());
    // The last validation was at the last step, so best.ckpt holds the exported weights.
    assertEquals(Files.readString(dir.resolve("a.ne.csv")), Files.readString(dir.resolve("b.ne.csv")));
    TreeSequence a = TreesFile.read(dir.resolve("a.trees"));
    TreeSequence b = TreesFile.read(dir.resolve("b.trees"));
    assertArrayEquals(a.nodeTime, b.nodeTime);
    assertArrayEquals(a.edgeParent, b.edgeParent);
    assertArrayEquals(a.edgeChild, b.edgeChild);
    assertArrayEquals(a.edgeLeft, b.edgeLeft);
  }

  @Test
  void aFileThatIsNotACheckpointIsAClearError() throws IOException {
    Path bogus = Files.writeString(dir.resolve("bogus.ckpt"), "not a checkpoint");
    CliRun sim = CliRun.run("simulate", "--samples", "8", "--length", "20000", "--out",
        dir.resolve("sim").toString());
    assertEquals(0, sim.code(), sim.err());
    CliRun r = CliRun.run("infer", "--checkpoint", bogus.toString(), "--trees",
        dir.resolve("sim.trees").toString(), "--out", dir.resolve("o").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--checkpoint: ") && r.err().contains("bogus.ckpt"), r.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
