package dev.mainspring.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.io.InvalidFileException;
import dev.mainspring.io.VcfWriter;
import dev.mainspring.sim.Demography;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhasedVcfReaderTest {
  @TempDir Path dir;

  static TrainingExample simulated(int n, int ploidy) {
    ExampleSimulator sim = new ExampleSimulator(ExampleSimulator.Config
        .fixed(n, 2e5, 1.25e-8, 1e-8, Demography.constant(1e4)).withTables(true, ploidy));
    return sim.simulate(5, 0);
  }

  static Path writeVcf(Path file, TrainingExample ex, int ploidy, boolean gzip) throws IOException {
    try (Writer w = new OutputStreamWriter(gzip ? new GZIPOutputStream(Files.newOutputStream(file))
        : Files.newOutputStream(file), StandardCharsets.UTF_8)) {
      VcfWriter.write(w, ex.genotypes, ex.n, ex.positions, ex.sequenceLength, ploidy, "chr7", "test");
    }
    return file;
  }

  @Test
  void simulatedDiploidVcfRoundTripsExactly() throws IOException {
    for (boolean gzip : new boolean[] {false, true}) {
      TrainingExample ex = simulated(10, 2);
      Haplotypes h = PhasedVcfReader.read(writeVcf(dir.resolve(gzip ? "d.vcf.gz" : "d.vcf"), ex, 2, gzip), null);
      assertEquals("chr7", h.contig());
      assertEquals(10, h.genomes());
      assertArrayEquals(new int[] {2, 2, 2, 2, 2}, h.ploidy());
      assertEquals("tsk_0", h.individuals()[0]);
      assertEquals(Math.ceil(ex.sequenceLength), h.sequenceLength());
      assertArrayEquals(ex.positions, h.positions(), "CPOS gives the exact positions");
      for (int l = 0; l < ex.S; l++) {
        for (int i = 0; i < ex.n; i++) {
          assertEquals(ex.genotype(i, l), h.allele(l, i), "site " + l + " genome " + i);
        }
        assertEquals("0", h.ref()[l]);
        assertEquals("1", h.alt()[l]);
      }
      assertTrue(ex.S > 20, "a real test needs sites: " + ex.S);
      assertEquals(Map.of(), h.skipped());
    }
  }

  @Test
  void haploidCallsAreOneGenomeEach() throws IOException {
    TrainingExample ex = simulated(6, 1);
    Haplotypes h = PhasedVcfReader.read(writeVcf(dir.resolve("h.vcf"), ex, 1, false), null);
    assertEquals(6, h.genomes());
    assertEquals(6, h.individuals().length);
    for (int l = 0; l < ex.S; l++) {
      for (int i = 0; i < ex.n; i++) {
        assertEquals(ex.genotype(i, l), h.allele(l, i));
      }
    }
  }

  @Test
  void withoutCposPositionsArePosMinusOne() throws IOException {
    String vcf = header("A", "B") + rec("1", 101, "A", "G", "PASS", "0|1", "1|1") + rec("1", 250, "C", "T", ".", "1|0", "0|0");
    Haplotypes h = PhasedVcfReader.read(write("plain.vcf", vcf), null);
    assertArrayEquals(new double[] {100, 249}, h.positions());
    assertArrayEquals(new byte[] {0, 1, 1, 1, 1, 0, 0, 0}, h.genotypes());
    assertArrayEquals(new String[] {"A", "C"}, h.ref());
    assertArrayEquals(new String[] {"G", "T"}, h.alt());
    assertEquals(10000, h.sequenceLength(), "from the contig line");
  }

  @Test
  void otherRecordsAreSkippedAndCountedByReason() throws IOException {
    String vcf = header("A", "B")
        + rec("1", 10, "A", "T", "PASS", "0|1", "1|0")
        + rec("1", 20, "A", "T", "LowQual", "0|1", "1|0")
        + rec("1", 30, "A", "AT", "PASS", "0|1", "1|0")
        + rec("1", 40, "A", ".", "PASS", "0|0", "0|0")
        + rec("1", 50, "A", "<DEL>", "PASS", "0|1", "1|0")
        + rec("1", 60, "A", "T", "PASS", "0|0", "0|0")
        + rec("1", 70, "A", "T", "PASS", "1|1", "1|1")
        + rec("1", 80, "A", "T", "PASS", "1|1", "0|1")
        + rec("1", 80, "A", "G", "PASS", "1|1", "0|1")
        + rec("2", 5, "A", "G", "PASS", "1|1", "0|1");
    Haplotypes h = PhasedVcfReader.read(write("skips.vcf", vcf), "1");
    assertArrayEquals(new double[] {9, 79}, h.positions());
    assertEquals(Map.of(PhasedVcfReader.SKIP_FILTERED, 1L, PhasedVcfReader.SKIP_NOT_SNP, 2L,
        PhasedVcfReader.SKIP_NO_ALT, 1L, PhasedVcfReader.SKIP_NOT_SEGREGATING, 2L, PhasedVcfReader.SKIP_DUPLICATE, 1L,
        PhasedVcfReader.SKIP_OTHER_CONTIG, 1L), h.skipped());
    assertEquals(8, h.skippedTotal());
    // Choosing the other chromosome reads its record only.
    Haplotypes two = PhasedVcfReader.read(write("skips2.vcf", vcf), "2");
    assertArrayEquals(new double[] {4}, two.positions());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "unphased.vcf|line 6: unphased genotype for sample A at 1:20 (0/1)",
    "multiallelic.vcf|line 5: multi-allelic record at 1:10",
    "missing.vcf|line 6: missing genotype call for sample A at 1:20 (.|1)",
    "unsorted.vcf|line 6: records are not sorted by position",
    "two_chromosomes.vcf|several chromosomes (1 and 2): choose one with --chrom",
    "ploidy_change.vcf|line 6: ploidy changes for sample A",
    "bad_position.vcf|line 5: malformed record",
    "too_few_columns.vcf|line 5: malformed record",
    "beyond_contig.vcf|lies beyond the length 10000 of contig 1",
    "only_skipped.vcf|no usable sites on 1: every record was skipped (1 not a SNP",
    "no_records.vcf|the VCF has no records",
    "no_samples.vcf|the VCF has no sample columns",
    "no_column_line.vcf|the header has no #CHROM column line",
    "not_a_vcf.vcf|not a VCF",
    "empty.vcf|empty file",
    "truncated.vcf.gz|corrupt or truncated gzip data",
  })
  void malformedCorpusGivesOneClearErrorEach(String name, String expected) throws URISyntaxException {
    Path file = Path.of(getClass().getResource("/vcf/malformed/" + name).toURI());
    InvalidFileException e = assertThrows(InvalidFileException.class, () -> PhasedVcfReader.read(file, null));
    assertTrue(e.getMessage().contains(expected), "message: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
  }

  @Test
  void missingFileSaysSo() {
    assertThrows(java.nio.file.NoSuchFileException.class, () -> PhasedVcfReader.read(dir.resolve("nope.vcf"), null));
  }

  @Test
  void tskitDigitAllelesAreMappedForParsingAndKept() {
    String[] written = new String[2];
    String line = "1\t5\t.\t0\t1\t.\tPASS\t.\tGT\t0|1";
    assertEquals("1\t5\t.\tA\tC\t.\tPASS\t.\tGT\t0|1", PhasedVcfReader.placeholderBases(line, written));
    assertArrayEquals(new String[] {"0", "1"}, written);
    String bases = "1\t5\t.\tA\tG\t.\tPASS\t.\tGT\t0|1";
    assertEquals(bases, PhasedVcfReader.placeholderBases(bases, new String[2]));
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  static String header(String... samples) {
    StringWriter w = new StringWriter();
    w.write("##fileformat=VCFv4.2\n##contig=<ID=1,length=10000>\n##contig=<ID=2,length=500>\n"
        + "##FILTER=<ID=LowQual,Description=\"low\">\n"
        + "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
        + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
    for (String s : samples) {
      w.write("\t" + s);
    }
    w.write("\n");
    return w.toString();
  }

  static String rec(String chrom, long pos, String ref, String alt, String filter, String... gts) {
    return chrom + "\t" + pos + "\t.\t" + ref + "\t" + alt + "\t.\t" + filter + "\t.\tGT\t" + String.join("\t", gts)
        + "\n";
  }
}
