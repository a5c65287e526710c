package dev.mainspring.infer;

import dev.mainspring.sim.Genotypes;
import dev.mainspring.sim.TreeSequence;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The genotypes of a tree sequence (for example one written by {@code simulate}) as infer's input:
 * its sample nodes in order are the genomes, grouped into its individuals where every sample has
 * one (else one haploid genome each), and its sites are used as they are. Sites with more than two
 * alleles are errors, as in a VCF; sites not segregating among the samples are skipped.
 */
public final class TreeSequenceHaplotypes {
  private TreeSequenceHaplotypes() {}

  public static Haplotypes of(TreeSequence ts) {
    int[] samples = ts.samples();
    int n = samples.length;
    if (n < 2) {
      throw new IllegalArgumentException("the tree sequence has " + n + " sample node(s); need at least 2");
    }
    int[][] g = Genotypes.matrix(ts);
    int sites = ts.numSites();
    Map<String, Long> skipped = new LinkedHashMap<>();
    int[] mutationsAt = new int[sites];
    int[] firstMutation = new int[sites];
    java.util.Arrays.fill(firstMutation, -1);
    for (int m = 0; m < ts.numMutations(); m++) {
      int s = ts.mutationSite[m];
      mutationsAt[s]++;
      if (firstMutation[s] < 0) {
        firstMutation[s] = m;
      }
    }
    double[] pos = new double[sites];
    byte[] geno = new byte[sites * n];
    String[] ref = new String[sites];
    String[] alt = new String[sites];
    int kept = 0;
    for (int l = 0; l < sites; l++) {
      int derived = 0;
      for (int i = 0; i < n; i++) {
        if (g[i][l] > 1) {
          throw new IllegalArgumentException("site " + l + " at " + ts.sitePosition[l]
              + " has more than two alleles among the samples; infer reads biallelic sites");
        }
        derived += g[i][l];
      }
      if (derived == 0 || derived == n) {
        skipped.merge(PhasedVcfReader.SKIP_NOT_SEGREGATING, 1L, Long::sum);
        continue;
      }
      for (int i = 0; i < n; i++) {
        geno[kept * n + i] = (byte) g[i][l];
      }
      pos[kept] = ts.sitePosition[l];
      ref[kept] = ts.ancestralState(l);
      alt[kept] = derivedAllele(ts, l, firstMutation[l]);
      kept++;
    }
    if (kept == 0) {
      throw new IllegalArgumentException("the tree sequence has no sites segregating among its samples");
    }
    Individuals ind = individuals(ts, samples);
    return new Haplotypes("1", ts.sequenceLength, ind.names, ind.ploidy, java.util.Arrays.copyOf(pos, kept),
        java.util.Arrays.copyOf(geno, kept * n), java.util.Arrays.copyOf(ref, kept), java.util.Arrays.copyOf(alt, kept),
        skipped);
  }

  private static String derivedAllele(TreeSequence ts, int site, int first) {
    // Biallelic among the samples: the derived state of the site's mutations that differ from the ancestral one.
    String anc = ts.ancestralState(site);
    for (int m = first; m >= 0 && m < ts.numMutations() && ts.mutationSite[m] == site; m++) {
      if (!ts.derivedState(m).equals(anc)) {
        return ts.derivedState(m);
      }
    }
    return "1";
  }

  private record Individuals(String[] names, int[] ploidy) {}

  /** Consecutive samples of one individual make one entry; samples without one are haploid. */
  private static Individuals individuals(TreeSequence ts, int[] samples) {
    java.util.List<String> names = new java.util.ArrayList<>();
    java.util.List<Integer> ploidy = new java.util.ArrayList<>();
    int last = -2;
    for (int i = 0; i < samples.length; i++) {
      int ind = ts.nodeIndividual[samples[i]];
      if (ind >= 0 && ind == last) {
        ploidy.set(ploidy.size() - 1, ploidy.get(ploidy.size() - 1) + 1);
      } else {
        names.add("tsk_" + (ind >= 0 ? ind : names.size()));
        ploidy.add(1);
      }
      last = ind;
    }
    return new Individuals(names.toArray(String[]::new), ploidy.stream().mapToInt(Integer::intValue).toArray());
  }
}
