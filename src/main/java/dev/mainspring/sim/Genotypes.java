package dev.mainspring.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The genotype matrix of a tree sequence, as tskit's {@code genotype_matrix()} transposed:
 * {@code g[i][l]} is the allele index of sample i at site l (0 = the ancestral state, then derived
 * states in order of first appearance at the site). Mutations are applied in table order, which
 * tskit guarantees puts a mutation before those below it, so the most recent one above a sample
 * wins.
 */
public final class Genotypes {
  private Genotypes() {}

  public static int[][] matrix(TreeSequence ts) {
    int[] samples = ts.samples();
    int[] sampleIndex = new int[ts.numNodes()];
    java.util.Arrays.fill(sampleIndex, -1);
    for (int i = 0; i < samples.length; i++) {
      sampleIndex[samples[i]] = i;
    }
    int[][] g = new int[samples.length][ts.numSites()];
    TreeIterator it = ts.trees();
    int site = 0;
    int m = 0;
    int[] stack = new int[ts.numNodes()];
    while (it.next() && site < ts.numSites()) {
      while (site < ts.numSites() && ts.sitePosition[site] < it.right()) {
        List<String> alleles = new ArrayList<>();
        alleles.add(ts.ancestralState(site));
        while (m < ts.numMutations() && ts.mutationSite[m] == site) {
          String state = ts.derivedState(m);
          int allele = alleles.indexOf(state);
          if (allele < 0) {
            alleles.add(state);
            allele = alleles.size() - 1;
          }
          int top = 0;
          stack[top++] = ts.mutationNode[m];
          while (top > 0) {
            int u = stack[--top];
            if (sampleIndex[u] >= 0) {
              g[sampleIndex[u]][site] = allele;
            }
            for (int c = it.leftChild(u); c != -1; c = it.rightSib(c)) {
              stack[top++] = c;
            }
          }
          m++;
        }
        site++;
      }
    }
    return g;
  }
}
