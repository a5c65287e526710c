package dev.mainspring.infer;

import dev.mainspring.io.InvalidFileException;
import htsjdk.tribble.TribbleException;
import htsjdk.tribble.readers.LineIterator;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.Genotype;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFContigHeaderLine;
import htsjdk.variant.vcf.VCFHeader;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads phased biallelic SNPs of one chromosome from a VCF (plain or gzip/bgzip, detected by
 * content) with htsjdk's VCF codec, one line at a time so every error names its line.
 *
 * <p>What is used and what is not. A record is used if it passes its filters and is a biallelic
 * SNP segregating among the genomes. Records that are simply not what the model reads are skipped
 * and counted per reason: another chromosome than the one chosen, FILTER not PASS, no ALT allele,
 * not a SNP (indels, MNPs, symbolic alleles), not segregating in these samples, or a second record
 * at an already used position. Records that would silently change the data if dropped are errors
 * that say how to fix the file: multi-allelic records, unphased diploid calls, missing calls, a
 * sample whose ploidy changes, an unsorted file, several chromosomes without a choice, a file
 * without samples or usable sites, and anything htsjdk cannot parse.
 *
 * <p>Positions are POS − 1 (0-based), except that when a record has INFO/CPOS — the exact
 * continuous position {@link dev.mainspring.io.VcfWriter} stores for simulated data — that is used,
 * so a simulated VCF reproduces the simulator's sites exactly.
 */
public final class PhasedVcfReader {
  static final String SKIP_OTHER_CONTIG = "on another chromosome";
  static final String SKIP_FILTERED = "FILTER not PASS";
  static final String SKIP_NO_ALT = "no ALT allele";
  static final String SKIP_NOT_SNP = "not a SNP (indel, MNP or symbolic allele)";
  static final String SKIP_NOT_SEGREGATING = "not segregating in these samples";
  static final String SKIP_DUPLICATE = "second record at the same position";
  private static final String FILTER_HINT = " (keep phased biallelic SNPs with e.g. "
      + "'bcftools view -m2 -M2 -v snps -g ^miss')";

  private PhasedVcfReader() {}

  /**
   * @param chromosome the chromosome to read, or null if the file holds only one
   */
  public static Haplotypes read(Path file, String chromosome) throws IOException {
    try (InputStream raw = open(file);
        BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16)) {
      return new Parse(file, chromosome).run(in);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new InvalidFileException(file, "corrupt or truncated gzip data: " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InvalidFileException(file, "is a directory, not a VCF file");
    }
    InputStream in;
    try {
      in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such VCF file");
    }
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    // gzip magic; GZIPInputStream reads the concatenated members of bgzip too.
    return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /** One pass over one file. */
  private static final class Parse {
    final Path file;
    String contig;
    final boolean contigChosen;
    long lineNo;
    final Map<String, Long> skipped = new LinkedHashMap<>();
    final List<Double> positions = new ArrayList<>();
    final List<String> ref = new ArrayList<>();
    final List<String> alt = new ArrayList<>();
    byte[] genotypes = new byte[1 << 12];
    int[] ploidy;
    int n;
    long lastPos = -1;
    double lastPosition = Double.NEGATIVE_INFINITY;
    String firstOtherContig;

    Parse(Path file, String chromosome) {
      this.file = file;
      this.contig = chromosome;
      this.contigChosen = chromosome != null;
    }

    Haplotypes run(BufferedReader in) throws IOException {
      VCFCodec codec = new VCFCodec();
      VCFHeader header = readHeader(in, codec);
      List<String> samples = header.getGenotypeSamples();
      if (samples.isEmpty()) {
        throw new InvalidFileException(file, "the VCF has no sample columns: infer needs phased genotypes");
      }
      ploidy = new int[samples.size()];
      byte[] row = null;
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("#")) {
          throw error("header line after the first record");
        }
        String[] written = new String[2];
        line = placeholderBases(line, written);
        VariantContext vc;
        try {
          vc = codec.decode(line);
          if (vc == null) {
            continue;
          }
          vc.getGenotypes(); // decode now, so parse errors carry this line
          vc.getGenotype(0).getAlleles();
        } catch (TribbleException | IllegalArgumentException | IllegalStateException
            | IndexOutOfBoundsException e) {
          throw error("malformed record: " + e.getMessage());
        }
        if (!chooseContig(vc)) {
          continue;
        }
        long pos = vc.getStart();
        if (pos < lastPos) {
          throw error("records are not sorted by position (" + pos + " after " + lastPos
              + "); sort with 'bcftools sort'");
        }
        if (vc.isFiltered()) {
          skip(SKIP_FILTERED);
          continue;
        }
        if (vc.getAlternateAlleles().size() > 1) {
          throw error("multi-allelic record at " + vc.getContig() + ":" + pos + " (ALT "
              + altList(vc) + "); infer reads biallelic SNPs" + FILTER_HINT);
        }
        if (vc.getAlternateAlleles().isEmpty()) {
          skip(SKIP_NO_ALT);
          continue;
        }
        Allele refAllele = vc.getReference();
        Allele altAllele = vc.getAlternateAllele(0);
        if (refAllele.length() != 1 || altAllele.length() != 1 || altAllele.isSymbolic()
            || !isBase(refAllele) || !isBase(altAllele)) {
          skip(SKIP_NOT_SNP);
          continue;
        }
        if (pos == lastPos) {
          skip(SKIP_DUPLICATE);
          continue;
        }
        if (row == null) {
          firstRecordPloidy(vc);
          row = new byte[n];
        }
        int derived = readCalls(vc, refAllele, row);
        if (derived == 0 || derived == n) {
          skip(SKIP_NOT_SEGREGATING);
          continue;
        }
        double position = position(vc, pos);
        if (!(position > lastPosition)) {
          throw error("INFO/CPOS " + position + " does not increase (previous " + lastPosition + ")");
        }
        int l = positions.size();
        if ((long) (l + 1) * n > Integer.MAX_VALUE - 8) {
          throw error("too many sites for one run: split the chromosome into regions");
        }
        if ((l + 1) * n > genotypes.length) {
          genotypes = java.util.Arrays.copyOf(genotypes, Math.max((l + 1) * n, 2 * genotypes.length));
        }
        System.arraycopy(row, 0, genotypes, l * n, n);
        positions.add(position);
        ref.add(written[0] != null ? written[0] : refAllele.getBaseString());
        alt.add(written[1] != null ? written[1] : altAllele.getBaseString());
        lastPos = pos;
        lastPosition = position;
      }
      if (contig == null) {
        throw new InvalidFileException(file, "the VCF has no records");
      }
      if (positions.isEmpty()) {
        throw new InvalidFileException(file, "no usable sites on " + contig + ": every record was skipped ("
            + describe(skipped) + ")" + FILTER_HINT);
      }
      double length = contigLength(header, contig);
      double lastSite = positions.get(positions.size() - 1);
      if (length > 0 && !(lastSite < length)) {
        throw new InvalidFileException(file, "site at " + (long) (lastSite + 1) + " lies beyond the length "
            + (long) length + " of contig " + contig + " in the header");
      }
      if (length <= 0) {
        length = Math.floor(lastSite) + 1;
      }
      double[] p = new double[positions.size()];
      for (int l = 0; l < p.length; l++) {
        p[l] = positions.get(l);
      }
      return new Haplotypes(contig, length, samples.toArray(String[]::new), ploidy, p,
          java.util.Arrays.copyOf(genotypes, p.length * n), ref.toArray(String[]::new), alt.toArray(String[]::new),
          skipped);
    }

    private VCFHeader readHeader(BufferedReader in, VCFCodec codec) throws IOException {
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        lines.add(line);
        if (!line.startsWith("##")) {
          break;
        }
      }
      if (lines.isEmpty()) {
        throw new InvalidFileException(file, "empty file, not a VCF");
      }
      if (!lines.get(0).startsWith("##fileformat=VCF")) {
        throw new InvalidFileException(file, "not a VCF: the first line must be ##fileformat=VCFv4.x");
      }
      String last = lines.get(lines.size() - 1);
      if (!last.startsWith("#CHROM")) {
        throw new InvalidFileException(file, "the header has no #CHROM column line"
            + (line == null ? " (file ends in the header)" : " before line " + lineNo));
      }
      try {
        Object h = codec.readActualHeader(new ListLineIterator(lines));
        return (VCFHeader) h;
      } catch (TribbleException | IllegalArgumentException e) {
        throw new InvalidFileException(file, "malformed VCF header: " + e.getMessage(), e);
      }
    }

    /** True if the record is on the chromosome being read; fixes it from the first record. */
    private boolean chooseContig(VariantContext vc) throws InvalidFileException {
      String c = vc.getContig();
      if (contig == null) {
        contig = c;
        return true;
      }
      if (c.equals(contig)) {
        return true;
      }
      if (contigChosen) {
        skip(SKIP_OTHER_CONTIG);
        return false;
      }
      throw error("the VCF holds several chromosomes (" + contig + " and " + c
          + "): choose one with --chrom");
    }

    private void firstRecordPloidy(VariantContext vc) throws InvalidFileException {
      for (int k = 0; k < ploidy.length; k++) {
        int p = vc.getGenotype(k).getPloidy();
        if (p < 1) {
          throw error("sample " + vc.getGenotype(k).getSampleName() + " has no genotype call");
        }
        ploidy[k] = p;
        n += p;
      }
    }

    /** Fills row with the n genomes' 0/1 alleles and returns the derived count. */
    private int readCalls(VariantContext vc, Allele refAllele, byte[] row) throws InvalidFileException {
      int at = 0;
      int derived = 0;
      for (int k = 0; k < ploidy.length; k++) {
        Genotype g = vc.getGenotype(k);
        String where = " for sample " + g.getSampleName() + " at " + vc.getContig() + ":" + vc.getStart();
        if (g.getPloidy() != ploidy[k]) {
          throw error("ploidy changes" + where + " (" + g.getPloidy() + " alleles, " + ploidy[k]
              + " at the first used record)");
        }
        if (!g.isCalled() || g.getAlleles().stream().anyMatch(Allele::isNoCall)) {
          throw error("missing genotype call" + where + " (" + g.getGenotypeString(false)
              + "); infer needs complete data — impute or drop the site" + FILTER_HINT);
        }
        if (ploidy[k] > 1 && !g.isPhased()) {
          throw error("unphased genotype" + where + " (" + g.getGenotypeString(false)
              + "); phase the data first (e.g. SHAPEIT or Beagle): infer reads haplotypes");
        }
        for (Allele a : g.getAlleles()) {
          byte b = a.equals(refAllele, true) ? (byte) 0 : 1;
          row[at++] = b;
          derived += b;
        }
      }
      return derived;
    }

    private double position(VariantContext vc, long pos) throws InvalidFileException {
      Object cpos = vc.getAttribute("CPOS");
      if (cpos == null) {
        return pos - 1;
      }
      try {
        double x = Double.parseDouble(cpos.toString());
        if (!(x >= 0) || !Double.isFinite(x)) {
          throw error("INFO/CPOS must be a finite position >= 0, got " + cpos);
        }
        return x;
      } catch (NumberFormatException e) {
        throw error("INFO/CPOS is not a number: " + cpos);
      }
    }

    private void skip(String reason) {
      skipped.merge(reason, 1L, Long::sum);
    }

    private InvalidFileException error(String problem) {
      return new InvalidFileException(file, "line " + lineNo + ": " + problem);
    }
  }

  private static boolean isBase(Allele a) {
    char c = Character.toUpperCase((char) a.getBases()[0]);
    return c == 'A' || c == 'C' || c == 'G' || c == 'T' || c == 'N';
  }

  /**
   * tskit and {@link dev.mainspring.io.VcfWriter} write alleles as digits (REF 0, ALT 1), which
   * htsjdk rejects as bases. Such a record's REF and ALT are given to the codec as placeholder
   * bases (0 → A, 1 → C, 2 → G, 3 → T) and the written alleles are kept in {@code written}.
   */
  static String placeholderBases(String line, String[] written) {
    int t1 = line.indexOf('\t');
    int t2 = t1 < 0 ? -1 : line.indexOf('\t', t1 + 1);
    int t3 = t2 < 0 ? -1 : line.indexOf('\t', t2 + 1);
    int t4 = t3 < 0 ? -1 : line.indexOf('\t', t3 + 1);
    int t5 = t4 < 0 ? -1 : line.indexOf('\t', t4 + 1);
    if (t5 < 0) {
      return line;
    }
    String refField = line.substring(t3 + 1, t4);
    String altField = line.substring(t4 + 1, t5);
    if (!refField.equals("0") || !altField.matches("[1-3](,[1-3])*")) {
      return line;
    }
    written[0] = refField;
    written[1] = altField;
    String mapped = altField.replace('1', 'C').replace('2', 'G').replace('3', 'T');
    return line.substring(0, t3 + 1) + "A\t" + mapped + line.substring(t5);
  }

  private static String altList(VariantContext vc) {
    return String.join(",", vc.getAlternateAlleles().stream().map(Allele::getDisplayString).toList());
  }

  static String describe(Map<String, Long> skipped) {
    if (skipped.isEmpty()) {
      return "none";
    }
    StringBuilder b = new StringBuilder();
    skipped.forEach((reason, count) -> b.append(b.isEmpty() ? "" : ", ").append(count).append(' ').append(reason));
    return b.toString();
  }

  private static double contigLength(VCFHeader header, String contig) {
    for (VCFContigHeaderLine line : header.getContigLines()) {
      if (line.getID().equals(contig)) {
        int len = line.getSAMSequenceRecord().getSequenceLength();
        return len > 0 ? len : 0;
      }
    }
    return 0;
  }

  /** The header lines as htsjdk's codec wants them. */
  private static final class ListLineIterator implements LineIterator {
    private final Iterator<String> it;
    private final List<String> lines;
    private int next;

    ListLineIterator(List<String> lines) {
      this.lines = lines;
      this.it = lines.iterator();
    }

    @Override
    public String peek() {
      return next < lines.size() ? lines.get(next) : null;
    }

    @Override
    public boolean hasNext() {
      return it.hasNext();
    }

    @Override
    public String next() {
      next++;
      return it.next();
    }
  }
}
