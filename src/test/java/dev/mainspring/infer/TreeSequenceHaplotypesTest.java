package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.sim.Demography;
import org.junit.jupiter.api.Test;

class TreeSequenceHaplotypesTest {
  @Test
  void simulatedTreesGiveTheSimulatedGenotypesAndIndividuals() {
    TrainingExample ex = new ExampleSimulator(ExampleSimulator.Config
        .fixed(6, 1e5, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, 2)).simulate(9, 0);
    Haplotypes h = TreeSequenceHaplotypes.of(ex.tables);
    assertEquals(6, h.genomes());
    assertArrayEquals(new int[] {2, 2, 2}, h.ploidy());
    assertArrayEquals(ex.positions, h.positions());
    assertEquals(ex.sequenceLength, h.sequenceLength());
    for (int l = 0; l < ex.S; l++) {
      for (int i = 0; i < 6; i++) {
        assertEquals(ex.genotype(i, l), h.allele(l, i));
      }
    }
  }
}
