package dev.mainspring.io;

import java.io.IOException;
import java.io.Writer;

/**
 * Plain-text VCF 4.2 of a simulated genotype matrix. Genomes are grouped into individuals of
 * {@code ploidy} consecutive genomes (named tsk_0, tsk_1, ... as tskit does): ploidy 2 writes
 * phased diploid calls {@code a|b} from genomes 2k and 2k+1, ploidy 1 writes haploid calls
 * {@code a}. Alleles: REF "0" (ancestral), ALT "1" (derived), as binary infinite-sites data.
 *
 * <p>Positions: VCF's POS is a 1-based integer, so the continuous position x (0-based bp) is
 * written as floor(x) + 1, moved right by as little as needed to keep POS strictly increasing
 * (tskit instead refuses duplicate positions); INFO/CPOS keeps the exact continuous position.
 */
public final class VcfWriter {
  private VcfWriter() {}

  /**
   * @param genotypes 0/1, row-major [i * sites + l] for n genomes
   */
  public static void write(Writer out, byte[] genotypes, int n, double[] positions, double sequenceLength, int ploidy,
      String contig, String source) throws IOException {
    int sites = positions.length;
    if (ploidy < 1 || n % ploidy != 0) {
      throw new IllegalArgumentException(n + " genomes do not split into individuals of ploidy " + ploidy);
    }
    if (genotypes.length != n * sites) {
      throw new IllegalArgumentException("genotype matrix is not n x S");
    }
    long contigLength = (long) Math.ceil(sequenceLength);
    out.write("##fileformat=VCFv4.2\n");
    out.write("##source=" + source + "\n");
    out.write("##contig=<ID=" + contig + ",length=" + contigLength + ">\n");
    out.write("##INFO=<ID=CPOS,Number=1,Type=Float,Description=\"Continuous 0-based position in bp from the simulator\">\n");
    out.write("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
    out.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
    int individuals = n / ploidy;
    for (int k = 0; k < individuals; k++) {
      out.write("\ttsk_" + k);
    }
    out.write('\n');
    long last = 0;
    StringBuilder line = new StringBuilder(64 + 4 * n);
    for (int l = 0; l < sites; l++) {
      long pos = Math.max((long) Math.floor(positions[l]) + 1, last + 1);
      last = pos;
      line.setLength(0);
      line.append(contig).append('\t').append(pos).append("\t.\t0\t1\t.\tPASS\tCPOS=")
          .append(positions[l]).append("\tGT");
      for (int k = 0; k < individuals; k++) {
        line.append('\t');
        for (int c = 0; c < ploidy; c++) {
          if (c > 0) {
            line.append('|');
          }
          line.append((char) ('0' + genotypes[(k * ploidy + c) * sites + l]));
        }
      }
      line.append('\n');
      out.write(line.toString());
    }
  }
}
