package dev.mainspring.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mainspring.io.TreesFile;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulate command's outputs, determinism and input checking, and bench sim's output. */
class SimulateCommandTest {
  @TempDir Path dir;

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesTreesVcfDemographyTextAndStats() throws IOException {
    Path prefix = dir.resolve("sim");
    Path stats = dir.resolve("stats.csv");
    CliRun r = CliRun.run("simulate", "--samples", "6", "--length", "20000", "--seed", "3", "--replicates", "2",
        "--out", prefix.toString(), "--stats", stats.toString(), "--text");
    assertEquals(0, r.code(), r.err());
    for (String replicate : List.of("sim_0", "sim_1")) {
      for (String suffix : List.of(".trees", ".vcf", ".demography.csv", ".nodes.txt", ".edges.txt", ".sites.txt",
          ".mutations.txt", ".individuals.txt", ".populations.txt")) {
        assertTrue(Files.exists(dir.resolve(replicate + suffix)), replicate + suffix);
      }
    }
    List<String> rows = Files.readAllLines(stats);
    assertEquals(SimulateCommand.STATS_HEADER, rows.get(0));
    assertEquals("num_trees,num_nodes,num_edges,num_sites,tmrca_first_tree,tbl_first_tree,sfs1,sfs2,sfs3,sfs4,sfs5,"
        + "t_ancestry_s,t_total_s", rows.get(0));
    assertEquals(3, rows.size());
    TreeSequence ts = TreesFile.read(dir.resolve("sim_0.trees"));
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    String[] cells = rows.get(1).split(",");
    assertEquals(13, cells.length);
    assertEquals(ts.numTrees(), Integer.parseInt(cells[0]));
    assertEquals(ts.numNodes(), Integer.parseInt(cells[1]));
    assertEquals(ts.numEdges(), Integer.parseInt(cells[2]));
    assertEquals(ts.numSites(), Integer.parseInt(cells[3]));
    assertEquals(3, ts.numIndividuals(), "6 genomes with the default ploidy 2");
    long sfs = 0;
    for (int k = 6; k <= 10; k++) {
      sfs += Long.parseLong(cells[k]);
    }
    assertEquals(ts.numSites(), sfs, "n = 6: sfs1..sfs5 hold every site");
    List<String> vcf = Files.readAllLines(dir.resolve("sim_0.vcf"));
    assertEquals(6 + ts.numSites(), vcf.size());
    assertTrue(vcf.get(6).matches("1\t\\d+\t\\.\t0\t1\t\\.\tPASS\tCPOS=[0-9.E-]+\tGT\t[01]\\|[01]\t[01]\\|[01]\t[01]\\|[01]"),
        vcf.get(6));
    assertEquals(List.of("epoch,start_time,size,demes,migration_rate", "0,0.0,10000.0,1,0.0"),
        Files.readAllLines(dir.resolve("sim_0.demography.csv")));
  }

  @Test
  void outputDoesNotDependOnThreads() throws IOException {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, CliRun.run("simulate", "--samples", "8", "--length", "30000", "--replicates", "4", "--prior", "phase4",
        "--threads", "1", "--out", a.toString()).code());
    assertEquals(0, CliRun.run("simulate", "--samples", "8", "--length", "30000", "--replicates", "4", "--prior", "phase4",
        "--threads", "2", "--out", b.toString()).code());
    for (int r = 0; r < 4; r++) {
      TreeSequence x = TreesFile.read(dir.resolve("a_" + r + ".trees"));
      TreeSequence y = TreesFile.read(dir.resolve("b_" + r + ".trees"));
      assertArrayEquals(x.nodeTime, y.nodeTime);
      assertArrayEquals(x.edgeLeft, y.edgeLeft);
      assertArrayEquals(x.sitePosition, y.sitePosition);
      assertArrayEquals(Files.readAllBytes(dir.resolve("a_" + r + ".vcf")),
          Files.readAllBytes(dir.resolve("b_" + r + ".vcf")));
    }
  }

  @Test
  void badInputGivesOneErrorLineAndWritesNothing() throws IOException {
    Path file = dir.resolve("not-a-directory");
    Files.writeString(file, "x");
    String out = dir.resolve("out").toString();
    String stats = dir.resolve("stats.csv").toString();
    String[][] cases = {
        {"--samples", "1"},
        {"--samples", "5", "--ploidy", "2"},
        {"--samples", "4", "--individuals", "2"},
        {"--individuals", "1", "--ploidy", "1"},
        {"--individuals", "0"},
        {"--length", "0"},
        {"--length", "-100"},
        {"--size", "0"},
        {"--size", "-5"},
        {"--epochs", "0:1000,500:0"},
        {"--epochs", "0:1000,500:10,200:30"},
        {"--epochs", "100:1000"},
        {"--epochs", "0:1000,x"},
        {"--mu", "-1e-8"},
        {"--rho", "-1e-8"},
        {"--prior", "phase9"},
        {"--replicates", "0"},
        {"--out", file.resolve("x").toString()},
        {"--stats", file.resolve("s.csv").toString()},
    };
    for (String[] bad : cases) {
      List<String> args = new java.util.ArrayList<>(List.of("simulate"));
      for (String[] option : new String[][] {{"--length", "1000"}, {"--out", out}, {"--stats", stats}}) {
        if (!List.of(bad).contains(option[0])) {
          args.addAll(List.of(option));
        }
      }
      args.addAll(List.of(bad));
      CliRun r = CliRun.run(args.toArray(String[]::new));
      String what = String.join(" ", bad);
      assertNotEquals(0, r.code(), what);
      List<String> lines = r.err().lines().toList();
      assertEquals(1, lines.size(), what + ": " + r.err());
      assertTrue(lines.get(0).startsWith("error: "), what + ": " + r.err());
      assertEquals(List.of("not-a-directory"), files(), what + " wrote nothing");
    }
  }

  @Test
  void helpSaysWhatSamplesCounts() {
    CliRun r = CliRun.run("simulate", "--help");
    assertEquals(0, r.code());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("Number of sample genomes (haploid)"), help);
    assertTrue(help.contains("msprime's sim_ancestry(samples=k) counts individuals of --ploidy genomes; that "
        + "reading is --individuals k"), help);
  }

  @Test
  void individualsCountsIndividualsOfPloidyGenomesAsMsprimeDoes() throws IOException {
    for (int ploidy : new int[] {1, 2, 3}) {
      Path prefix = dir.resolve("ind" + ploidy);
      CliRun r = CliRun.run("simulate", "--individuals", "4", "--ploidy", Integer.toString(ploidy), "--length", "20000",
          "--seed", "3", "--out", prefix.toString());
      assertEquals(0, r.code(), r.err());
      TreeSequence ts = TreesFile.read(dir.resolve("ind" + ploidy + ".trees"));
      assertEquals(4 * ploidy, ts.numSamples());
      assertEquals(4, ts.numIndividuals());
    }
  }

  @Test
  void benchSimPrintsOneJsonObjectPerMeasurement() throws IOException {
    CliRun r = CliRun.run("bench", "sim", "--quick");
    assertEquals(0, r.code(), r.err());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = r.out().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(6, lines.size(), r.out());
    for (String line : lines) {
      JsonNode o = json.readTree(line);
      assertEquals("sim", o.get("bench").asText());
      assertEquals(50, o.get("samples").asInt());
      assertTrue(o.get("value").asDouble() > 0);
      assertTrue(o.has("unit"));
    }
    assertEquals(0.93, json.readTree(lines.get(1)).get("baseline_value").asDouble());
  }
}
