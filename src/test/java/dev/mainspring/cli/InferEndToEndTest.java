package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.io.TreesFile;
import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "done when": a VCF written by simulate goes through infer (untrained smoke weights)
 * to a valid .trees with the same samples and sites; --trees input gives the same ARG.
 */
class InferEndToEndTest {
  @TempDir Path dir;

  @Test
  void simulatedVcfRoundTripsThroughInfer() throws IOException {
    Path model = SmokeModelDir.save(dir.resolve("model"), 5);
    CliRun sim = CliRun.run("simulate", "--samples", "8", "--ploidy", "2", "--length",
        "70000", "--seed", "4", "--out", dir.resolve("sim").toString());
    assertEquals(0, sim.code(), sim.err());
    CliRun r = CliRun.run("infer", "--checkpoint", model.toString(), "--vcf",
        dir.resolve("sim.vcf").toString(), "--out", dir.resolve("out").toString(), "--no-progress", "--batch", "2",
        "--posterior-samples", "50");
    assertEquals(0, r.code(), r.err());
    TreeSequence truth = TreesFile.read(dir.resolve("sim.trees"));
    TreeSequence got = TreesFile.read(dir.resolve("out.trees"));
    assertEquals(List.of(), TreeSequenceValidator.check(got));
    assertEquals(truth.numSamples(), got.numSamples());
    assertEquals(truth.numIndividuals(), got.numIndividuals());
    assertEquals(Math.ceil(truth.sequenceLength), got.sequenceLength);
    assertArrayEquals(truth.sitePosition, got.sitePosition);
    int[][] a = Genotypes.matrix(truth);
    int[][] b = Genotypes.matrix(got);
    for (int i = 0; i < a.length; i++) {
      assertArrayEquals(a[i], b[i], "genome " + i);
    }
    List<String> csv = Files.readAllLines(dir.resolve("out.ne.csv"));
    assertEquals(33, csv.size());
    assertEquals("time_generations,ne_median,ne_q05,ne_q95", csv.get(0));
    for (String line : csv.subList(1, 33)) {
      String[] f = line.split(",");
      double lo = Double.parseDouble(f[2]);
      double med = Double.parseDouble(f[1]);
      double hi = Double.parseDouble(f[3]);
      assertTrue(lo > 0 && lo <= med && med <= hi && Double.isFinite(hi), line);
    }
    byte[] png = Files.readAllBytes(dir.resolve("out.ne.png"));
    assertEquals((byte) 0x89, png[0]);
    assertTrue(r.err().contains("windows"), r.err());

    // The same data from the simulated .trees gives the same ARG.
    CliRun t = CliRun.run("infer", "--checkpoint", model.toString(), "--trees",
        dir.resolve("sim.trees").toString(), "--out", dir.resolve("out2").toString(), "--no-progress", "--batch",
        "2", "--posterior-samples", "50");
    assertEquals(0, t.code(), t.err());
    TreeSequence fromTrees = TreesFile.read(dir.resolve("out2.trees"));
    assertEquals(got.numEdges(), fromTrees.numEdges());
    assertArrayEquals(got.nodeTime, fromTrees.nodeTime);
  }
}
