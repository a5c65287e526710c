package dev.mainspring.infer;

/**
 * One model input cut from a chromosome: sites {@code first .. first+sites-1} on the genome
 * interval [start, end), part of the model-length window number {@code block} (several windows
 * share a block when it held more than the model's maxSites).
 */
public record Window(int index, int block, double start, double end, int first, int sites) {
  public double length() {
    return end - start;
  }
}
