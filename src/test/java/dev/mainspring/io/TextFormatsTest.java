package dev.mainspring.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mainspring.sim.Demography;
import dev.mainspring.sim.HudsonSimulator;
import dev.mainspring.sim.InfiniteSites;
import dev.mainspring.sim.RateMap;
import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.TreeSequence;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** tskit's text tables and the VCF writer. */
class TextFormatsTest {

  @Test
  void pythonFloatFormatting() {
    assertEquals("1.0", TskitText.pythonFloat(1.0));
    assertEquals("0.1", TskitText.pythonFloat(0.1));
    assertEquals("0.0001", TskitText.pythonFloat(1e-4));
    assertEquals("1e-05", TskitText.pythonFloat(1e-5));
    assertEquals("2.5e-07", TskitText.pythonFloat(2.5e-7));
    assertEquals("334.4762422584463", TskitText.pythonFloat(334.4762422584463));
    assertEquals("1e+16", TskitText.pythonFloat(1e16));
    assertEquals("1.2345678901234568e+17", TskitText.pythonFloat(123456789012345678.0));
    assertEquals("-3.5", TskitText.pythonFloat(-3.5));
    assertEquals("123456789.0", TskitText.pythonFloat(123456789.0));
  }

  @Test
  void writesTskitsColumnsAndRoundTrips() throws IOException {
    InfiniteSites sites = new InfiniteSites();
    var t = new HudsonSimulator().simulate(new int[] {6}, Demography.constant(1e4), RateMap.uniform(2e4, 1e-8),
        Seeds.rng(1));
    sites.place(t, 2e-8, Seeds.rng(2));
    TreeSequence ts = TreeSequence.fromSimulation(t, sites, 2, 1);
    StringWriter nodes = new StringWriter();
    StringWriter edges = new StringWriter();
    StringWriter siteText = new StringWriter();
    StringWriter mutations = new StringWriter();
    StringWriter individuals = new StringWriter();
    StringWriter populations = new StringWriter();
    TskitText.writeNodes(ts, nodes, 17);
    TskitText.writeEdges(ts, edges, 17);
    TskitText.writeSites(ts, siteText, 17);
    TskitText.writeMutations(ts, mutations);
    TskitText.writeIndividuals(ts, individuals);
    TskitText.writePopulations(ts, populations);
    String[] nodeLines = nodes.toString().split("\n");
    assertEquals("id\tis_sample\ttime\tpopulation\tindividual\tmetadata", nodeLines[0]);
    assertEquals("0\t1\t0.00000000000000000\t0\t0\t", nodeLines[1]);
    assertEquals("3\t1\t0.00000000000000000\t0\t1\t", nodeLines[4]);
    assertEquals("left\tright\tparent\tchild\tmetadata", edges.toString().split("\n")[0]);
    assertEquals("site\tnode\ttime\tderived_state\tparent\tmetadata", mutations.toString().split("\n")[0]);
    assertEquals("id\tflags\tlocation\tparents\tmetadata\n0\t0\t\t\t\n1\t0\t\t\t\n2\t0\t\t\t\n", individuals.toString());
    assertEquals("id\tmetadata\n0\teyJkZXNjcmlwdGlvbiI6IiIsIm5hbWUiOiJwb3BfMCJ9\n", populations.toString());
    TreeSequence back = TskitText.read(new StringReader(nodes.toString()), new StringReader(edges.toString()),
        new StringReader(siteText.toString()), new StringReader(mutations.toString()),
        new StringReader(populations.toString()), ts.sequenceLength);
    assertArrayEquals(ts.nodeTime, back.nodeTime, 1e-9);
    assertArrayEquals(ts.edgeLeft, back.edgeLeft, 1e-9);
    assertArrayEquals(ts.edgeParent, back.edgeParent);
    assertArrayEquals(ts.edgeChild, back.edgeChild);
    assertArrayEquals(ts.sitePosition, back.sitePosition, 1e-9);
    assertArrayEquals(ts.mutationTime, back.mutationTime, 0); // written with round-trip digits
    assertArrayEquals(ts.mutationNode, back.mutationNode);
    assertArrayEquals(ts.nodeIndividual, back.nodeIndividual);
    assertEquals(ts.populationMetadata(0), back.populationMetadata(0));
    StringWriter six = new StringWriter();
    TskitText.writeEdges(ts, six, TskitText.DEFAULT_PRECISION);
    assertEquals(String.format(java.util.Locale.ROOT, "%.6f\t%.6f\t%d\t%d\t", ts.edgeLeft[0], ts.edgeRight[0],
        ts.edgeParent[0], ts.edgeChild[0]), six.toString().split("\n")[1]);
  }

  @Test
  void vcfPairsGenomesIntoPhasedDiploids() throws IOException {
    // 4 genomes, 3 sites: [i * 3 + l]
    byte[] g = {1, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1};
    double[] positions = {0.2, 0.7, 5.5}; // the first two share bp 0: POS 1 then moved to 2
    StringWriter w = new StringWriter();
    VcfWriter.write(w, g, 4, positions, 10, 2, "1", "mainspring");
    String[] lines = w.toString().split("\n");
    assertEquals("##fileformat=VCFv4.2", lines[0]);
    assertEquals("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ttsk_0\ttsk_1", lines[5]);
    assertEquals("1\t1\t.\t0\t1\t.\tPASS\tCPOS=0.2\tGT\t1|0\t1|0", lines[6]);
    assertEquals("1\t2\t.\t0\t1\t.\tPASS\tCPOS=0.7\tGT\t0|1\t1|0", lines[7]);
    assertEquals("1\t6\t.\t0\t1\t.\tPASS\tCPOS=5.5\tGT\t0|0\t1|1", lines[8]);
    StringWriter h = new StringWriter();
    VcfWriter.write(h, g, 4, positions, 10, 1, "1", "mainspring");
    assertEquals("1\t1\t.\t0\t1\t.\tPASS\tCPOS=0.2\tGT\t1\t0\t1\t0", h.toString().split("\n")[6]);
    assertThrows(IllegalArgumentException.class, () -> VcfWriter.write(new StringWriter(), g, 4, positions, 10, 3, "1", "x"));
  }
}
