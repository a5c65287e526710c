package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** infer's input checking; nothing is written when it fails. */
class InferCommandTest {
  @TempDir Path dir;

  Path smokeModel() throws IOException {
    return SmokeModelDir.save(dir.resolve("model"), 3);
  }

  List<String> outputs() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("out")).sorted().toList();
    }
  }

  @Test
  void sampleCountMismatchIsAClearErrorAndWritesNothing() throws IOException {
    Path m = smokeModel();
    CliRun sim = CliRun.run("simulate", "--samples", "6", "--length", "20000", "--seed", "2", "--out",
        dir.resolve("sim").toString());
    assertEquals(0, sim.code(), sim.err());
    CliRun r = CliRun.run("infer", "--checkpoint", m.toString(), "--vcf", dir.resolve("sim.vcf").toString(), "--out",
        dir.resolve("out").toString(), "--no-progress");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("the data has 6 genomes (3 individuals) but the model was trained for n = 8"), r.err());
    assertEquals(List.of(), outputs());
  }

  @Test
  void malformedVcfNamesFileAndLine() throws IOException {
    Path m = smokeModel();
    Path vcf = Files.writeString(dir.resolve("bad.vcf"), "##fileformat=VCFv4.2\n"
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\n1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0/1\n");
    CliRun r = CliRun.run("infer", "--checkpoint", m.toString(), "--vcf", vcf.toString(), "--out",
        dir.resolve("out").toString(), "--no-progress");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("bad.vcf: line 3: unphased genotype for sample A at 1:5 (0/1)"), r.err());
    assertEquals(List.of(), outputs());
  }

  @Test
  void missingOrWrongCheckpointIsAClearError() throws IOException {
    Path vcf = Files.writeString(dir.resolve("x.vcf"), "##fileformat=VCFv4.2\n");
    CliRun r = CliRun.run("infer", "--checkpoint", dir.resolve("nope").toString(), "--vcf", vcf.toString(), "--out",
        dir.resolve("out").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("no such model directory"), r.err());
    Files.createDirectories(dir.resolve("empty"));
    r = CliRun.run("infer", "--checkpoint", dir.resolve("empty").toString(), "--vcf", vcf.toString(), "--out",
        dir.resolve("out").toString());
    assertTrue(r.err().contains("no model.json here"), r.err());
  }

  @Test
  void tooFewPosteriorSamplesAreRefusedAndFewAreWarnedAbout() throws IOException {
    Path m = smokeModel();
    Path vcf = Files.writeString(dir.resolve("x.vcf"), "##fileformat=VCFv4.2\n");
    CliRun r = CliRun.run("infer", "--checkpoint", m.toString(), "--vcf", vcf.toString(), "--out",
        dir.resolve("out").toString(), "--posterior-samples", "1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--posterior-samples must be at least 2 (the 5-95% band needs two draws), got 1"),
        r.err());
    CliRun e = CliRun.run("evaluate", "--checkpoint", m.toString(), "--posterior-samples", "0", "--out",
        dir.resolve("out-eval").toString());
    assertEquals(2, e.code());
    assertTrue(e.err().contains("--posterior-samples must be at least 2"), e.err());
    CliRun few = CliRun.run("bench", "infer", "--preset", "smoke", "--datasets", "1", "--batch", "1", "--posterior-samples",
        "10", "--warmup", "0", "--no-baseline");
    assertEquals(0, few.code(), few.err());
    assertTrue(few.err().contains("note: 10 posterior samples make the 5% and 95% quantiles noisy"), few.err());
    assertEquals(List.of(), outputs());
  }

  @Test
  void needsExactlyOneInput() {
    CliRun r = CliRun.run("infer", "--checkpoint", "m", "--out", "o");
    assertTrue(r.code() != 0);
    assertTrue(r.err().contains("--vcf") && r.err().contains("--trees"), r.err());
  }

  @Test
  void benchInferPrintsOneJsonObjectPerPreset() throws IOException {
    CliRun r = CliRun.run("bench", "infer", "--preset", "smoke", "--datasets", "2", "--batch", "2", "--posterior-samples", "10",
        "--warmup", "0");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(1, lines.size(), r.out());
    var j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(0));
    assertEquals("infer", j.get("bench").asText());
    assertEquals("smoke", j.get("preset").asText());
    assertEquals("datasets/s", j.get("unit").asText());
    assertTrue(j.get("value").asDouble() > 0 && j.get("baseline_value").asDouble() > 0);
    assertEquals(j.get("value").asDouble() / j.get("baseline_value").asDouble(), j.get("ratio").asDouble(), 1e-9);
  }
}
