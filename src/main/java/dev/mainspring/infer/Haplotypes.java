package dev.mainspring.infer;

import java.util.Collections;
import java.util.Map;

/**
 * Phased biallelic genotypes of one chromosome as infer uses them: n haploid genomes (a diploid
 * individual contributes two, in VCF order a|b), segregating sites with 0-based positions in bp,
 * and 0/1 alleles (0 = REF, taken as ancestral).
 *
 * @param contig chromosome name
 * @param sequenceLength L in bp: the contig's length if known, else the last site's position + 1
 * @param individuals names of the individuals, in file order
 * @param ploidy genomes per individual
 * @param positions site positions, strictly increasing in [0, L)
 * @param genotypes 0/1 alleles, site-major [l * n + i]
 * @param ref REF allele per site (the ancestral state written to .trees)
 * @param alt ALT allele per site (the derived state)
 * @param skipped records not used, by reason (insertion order), for the run report
 */
public record Haplotypes(String contig, double sequenceLength, String[] individuals, int[] ploidy, double[] positions,
    byte[] genotypes, String[] ref, String[] alt, Map<String, Long> skipped) {

  public Haplotypes {
    skipped = Collections.unmodifiableMap(skipped);
  }

  /** n, the number of haploid genomes. */
  public int genomes() {
    int n = 0;
    for (int p : ploidy) {
      n += p;
    }
    return n;
  }

  public int sites() {
    return positions.length;
  }

  public byte allele(int site, int genome) {
    return genotypes[site * genomes() + genome];
  }

  public long skippedTotal() {
    long total = 0;
    for (long c : skipped.values()) {
      total += c;
    }
    return total;
  }
}
