package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.data.Observation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowingTest {
  static final double[] POSITIONS = {1, 5, 12, 13, 14, 15, 29};

  @Test
  void windowsOfModelLengthSplitAboveMaxSitesAndKeepEmptyOnes() {
    List<Window> w = Windowing.split(POSITIONS, 40, 10, 2);
    assertEquals(List.of(
        new Window(0, 0, 0, 10, 0, 2),
        // Four sites in [10, 20) → two pieces of two, meeting half-way between 13 and 14.
        new Window(1, 1, 10, 13.5, 2, 2),
        new Window(2, 1, 13.5, 20, 4, 2),
        new Window(3, 2, 20, 30, 6, 1),
        new Window(4, 3, 30, 40, 7, 0)), w);
    assertEquals(1, Inference.countSplit(w));
  }

  @Test
  void unevenSplitSharesSitesOutEvenlyAndLastWindowIsShort() {
    // Five sites in one window, at most two each: 2 + 2 + 1; the chromosome ends at 25.
    List<Window> w = Windowing.split(new double[] {0, 2, 4, 6, 8}, 25, 20, 2);
    assertEquals(4, w.size());
    assertEquals(List.of(2, 2, 1, 0), w.stream().map(Window::sites).toList());
    assertEquals(3.0, w.get(0).end());
    assertEquals(7.0, w.get(1).end());
    assertEquals(20.0, w.get(2).end());
    assertEquals(25.0, w.get(3).end());
  }

  @Test
  void noMaxSitesMeansNoSplit() {
    assertEquals(3, Windowing.split(POSITIONS, 30, 10, 0).size());
  }

  @Test
  void observationIsRelativeToTheWindowAndRowMajor() {
    // Two genomes; site-major input [l*n + i].
    byte[] g = {0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0};
    Haplotypes h = new Haplotypes("1", 40, new String[] {"a"}, new int[] {2}, POSITIONS, g,
        new String[7], new String[7], Map.of());
    Window w = Windowing.split(POSITIONS, 40, 10, 2).get(2);
    Observation o = Windowing.observation(h, w, 1e-8, 2e-8);
    assertEquals(2, o.S());
    assertEquals(6.5, o.sequenceLength());
    assertArrayEquals(new double[] {0.5, 1.5}, o.positions());
    // Sites 4 and 5 are (1, 0) and (0, 1) by genome: genome 0 has (1, 0), genome 1 has (0, 1).
    assertArrayEquals(new byte[] {1, 0, 0, 1}, o.genotypes());
    assertEquals(1e-8, o.mu());
    assertEquals(2e-8, o.rho());
  }
}
