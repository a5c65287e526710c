package dev.mainspring.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.io.Kastore.Item;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.HudsonSimulator;
import dev.mainspring.sim.InfiniteSites;
import dev.mainspring.sim.RateMap;
import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeSequenceValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .trees reader against a file tskit wrote, and the writer against that file's layout. */
class TreesFileTest {
  @TempDir Path dir;

  private Path reference() throws IOException {
    Path p = dir.resolve("basic_tree_seq.trees");
    try (InputStream in = getClass().getResourceAsStream("/tskit/basic_tree_seq.trees")) {
      Files.copy(in, p);
    }
    return p;
  }

  private static TreeSequence simulated(int samples, int demes, int ploidy) {
    Demography d = demes == 1 ? Demography.constant(1e4) : Demography.constant(1e4).withIsland(1e-4);
    int[] perDeme = demes == 1 ? new int[] {samples} : new int[] {samples / 2, samples / 2};
    InfiniteSites sites = new InfiniteSites();
    var t = new HudsonSimulator().simulate(perDeme, d, RateMap.uniform(5e4, 1e-8), Seeds.rng(3));
    sites.place(t, 1e-8, Seeds.rng(4));
    return TreeSequence.fromSimulation(t, sites, ploidy, demes);
  }

  @Test
  void readsWhatTskitWrote() throws IOException {
    TreeSequence ts = TreesFile.read(reference());
    // What tskit reports for this file.
    assertEquals(4, ts.numTrees());
    assertEquals(6, ts.numSamples());
    assertEquals(5, ts.numSites());
    assertEquals(14, ts.numNodes());
    assertEquals(20, ts.numEdges());
    assertEquals(10000, ts.sequenceLength);
    assertEquals(List.of(), TreeSequenceValidator.check(ts));
    assertEquals("AGCCC", ts.ancestralState(0) + ts.ancestralState(1) + ts.ancestralState(2) + ts.ancestralState(3)
        + ts.ancestralState(4));
    assertEquals("G", ts.derivedState(0));
    assertEquals(1479.0, ts.nodeTime[13]);
    assertEquals(3, ts.numIndividuals());
    assertEquals("{\"description\":\"\",\"name\":\"pop_0\"}", ts.populationMetadata(0));
    assertEquals(6, Genotypes.matrix(ts).length);
  }

  @Test
  void writerUsesTskitsKeysTypesAndLayout() throws IOException {
    SortedMap<String, Item> theirs = Kastore.read(reference());
    Path ours = dir.resolve("ours.trees");
    TreesFile.write(simulated(10, 2, 2), ours, TreesFile.provenance("test", "simulate", Map.of("seed", 3)));
    SortedMap<String, Item> mine = Kastore.read(ours); // parse() checks packing, alignment and size
    assertEquals(theirs.keySet(), mine.keySet());
    Map<String, Kastore.Type> theirTypes = new TreeMap<>();
    Map<String, Kastore.Type> myTypes = new TreeMap<>();
    theirs.forEach((k, v) -> theirTypes.put(k, v.type()));
    mine.forEach((k, v) -> myTypes.put(k, v.type()));
    assertEquals(theirTypes, myTypes);
    assertArrayEquals(new int[] {12, 7}, mine.get("format/version").asInts());
    assertEquals("tskit.trees", mine.get("format/name").asString());
    assertEquals(36, mine.get("uuid").length());
    assertEquals("generations", mine.get("time_units").asString());
  }

  @Test
  void rewritingTskitsFileKeepsItsTablesAndIndexes() throws IOException {
    Path ref = reference();
    TreeSequence theirs = TreesFile.read(ref);
    Path copy = dir.resolve("copy.trees");
    TreesFile.write(theirs, copy, "{}");
    TreeSequence back = TreesFile.read(copy);
    assertTablesEqual(theirs, back);
    // Our index computation reproduces tskit's own indexes for this file.
    SortedMap<String, Item> a = Kastore.read(ref);
    SortedMap<String, Item> b = Kastore.read(copy);
    for (String key : List.of("indexes/edge_insertion_order", "indexes/edge_removal_order", "edges/left",
        "nodes/time", "mutations/time", "populations/metadata_schema", "individuals/location_offset")) {
      assertArrayEquals(a.get(key).bytes(), b.get(key).bytes(), key);
    }
    // Same layout rule: the file image of the same items is byte-identical to what kastore wrote.
    Map<String, Item> sameItems = new LinkedHashMap<>(a);
    assertArrayEquals(Files.readAllBytes(ref), Kastore.format(sameItems));
  }

  @Test
  void roundTripsOwnFiles() throws IOException {
    TreeSequence ts = simulated(12, 2, 2);
    Path p = dir.resolve("sim.trees");
    TreesFile.write(ts, p, "{}");
    TreeSequence back = TreesFile.read(p);
    assertTablesEqual(ts, back);
    assertEquals(ts.numTrees(), back.numTrees());
    assertEquals(2, back.numPopulations());
    assertEquals(6, back.numIndividuals());
  }

  @Test
  void rejectsDamagedFiles() throws IOException {
    byte[] good = Files.readAllBytes(reference());
    Path p = dir.resolve("bad.trees");
    byte[] badMagic = good.clone();
    badMagic[1] = 'X';
    Files.write(p, badMagic);
    assertTrue(assertThrows(IOException.class, () -> TreesFile.read(p)).getMessage().contains("magic"));
    Files.write(p, java.util.Arrays.copyOf(good, good.length - 8));
    assertThrows(IOException.class, () -> TreesFile.read(p));
    Files.write(p, new byte[] {1, 2, 3});
    assertThrows(IOException.class, () -> TreesFile.read(p));
    TreeSequence invalid = new TreeSequence.Builder(10).build(); // no samples
    assertThrows(IllegalStateException.class, () -> TreesFile.write(invalid, dir.resolve("x.trees"), "{}"));
    assertTrue(Files.notExists(dir.resolve("x.trees")));
  }

  static void assertTablesEqual(TreeSequence a, TreeSequence b) {
    assertEquals(a.sequenceLength, b.sequenceLength);
    assertArrayEquals(a.nodeFlags, b.nodeFlags);
    assertArrayEquals(a.nodeTime, b.nodeTime);
    assertArrayEquals(a.nodePopulation, b.nodePopulation);
    assertArrayEquals(a.nodeIndividual, b.nodeIndividual);
    assertArrayEquals(a.edgeLeft, b.edgeLeft);
    assertArrayEquals(a.edgeRight, b.edgeRight);
    assertArrayEquals(a.edgeParent, b.edgeParent);
    assertArrayEquals(a.edgeChild, b.edgeChild);
    assertArrayEquals(a.sitePosition, b.sitePosition);
    assertArrayEquals(a.ancestralState, b.ancestralState);
    assertArrayEquals(a.ancestralStateOffset, b.ancestralStateOffset);
    assertArrayEquals(a.mutationSite, b.mutationSite);
    assertArrayEquals(a.mutationNode, b.mutationNode);
    assertArrayEquals(a.mutationParent, b.mutationParent);
    assertArrayEquals(a.mutationTime, b.mutationTime);
    assertArrayEquals(a.derivedState, b.derivedState);
    assertArrayEquals(a.individualFlags, b.individualFlags);
    assertArrayEquals(a.populationMetadata, b.populationMetadata);
    assertArrayEquals(a.populationMetadataOffset, b.populationMetadataOffset);
  }
}
