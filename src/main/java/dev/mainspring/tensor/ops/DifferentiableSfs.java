package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * The expected site frequency spectrum of a sequence of local trees (MODEL.md, "Differentiable
 * SFS"): {@code ŝ[b, k-1] = mu_b · Σ_l span[b,l] · Σ_{edges e of tree (b,l), desc(e) = k}
 * (t_parent − t_child)} for k = 1..n-1, the expected number of mutations that fall on branches
 * subtending exactly k samples.
 *
 * <p>Trees come as parent arrays over {@code 2n-1} nodes, {@code parents [B, S, 2n-1]} (I32, −1 at
 * the root), laid out as the threading ARG builder writes them: leaves 0..n-1 at time 0, node
 * {@code n-1+i} (i = 1..n-1) the internal node created for sample i, whose time is
 * {@code times[b, i, l]} ({@code times [B, n, S]}, row 0 unused — the predicted join times as the
 * dating head lays them out). The structure is fixed (it comes from hard targets), so the gradient
 * flows to {@code times} only; ŝ is linear in them.
 *
 * <p>Sites with {@code span == 0} are padding: their parent rows are not read (they may hold
 * anything), they add nothing and their times get zero gradient. Every other site must hold one
 * tree: a single root, no cycles, every node connected, leaves without children; otherwise the
 * forward throws naming the example and site. Edges whose child subtends 0 or n leaves (possible
 * only in non-binary input) carry no segregating mutations and add nothing.
 */
public final class DifferentiableSfs extends Op.Unary {
  /** Backend kernels for this family. */
  public interface Kernels {
    /**
     * For every site (b, l) with span > 0: checks that {@code parents[b, l, ·]} is one tree,
     * writes the number of leaves under each node to {@code desc[b, l, ·]} (I32, same shape as
     * parents) and accumulates {@code mu[b]·span[b,l]·(t_parent − t_child)} of each edge into
     * {@code sfs[b, desc(child) − 1]}. Padded sites get desc 0. {@code sfs} [B, n-1] is
     * overwritten. O(n) per site.
     */
    void forward(Tensor parents, Tensor times, Tensor span, Tensor mu, int n, Tensor desc,
        Tensor sfs);

    /**
     * {@code gTimes[b, i, l] = ∂(Σ_k g[b,k]·sfs[b,k]) / ∂times[b, i, l]}, from the saved leaf
     * counts; {@code gTimes} arrives zeroed, row 0 and padded sites stay zero.
     */
    void backward(Tensor parents, Tensor desc, Tensor span, Tensor mu, Tensor g, int n,
        Tensor gTimes);
  }

  private final Tensor parents;
  private final Tensor times;
  private final Tensor span;
  private final Tensor mu;
  private final int n;
  private Tensor desc;

  private DifferentiableSfs(Tensor parents, Tensor times, Tensor span, Tensor mu, int n) {
    this.parents = parents;
    this.times = times;
    this.span = span;
    this.mu = mu;
    this.n = n;
  }

  /** ŝ [B, n-1] with one mutation rate for every example. */
  public static Tensor apply(Tensor parents, Tensor times, Tensor span, double mu) {
    Tensor muB = Tensor.full(times.backend(), times.dtype(), mu, times.dim(0));
    return apply(parents, times, span, muB);
  }

  /**
   * ŝ [B, n-1]; {@code mu} [B] holds each example's mutation rate (a constant: no gradient).
   *
   * @param parents I32 [B, S, 2n-1], −1 at the root
   * @param times floating [B, n, S]; node n-1+i has time times[b, i, l]
   * @param span [B, S], bp each site represents; 0 marks a padded site
   */
  public static Tensor apply(Tensor parents, Tensor times, Tensor span, Tensor mu) {
    if (times.rank() != 3) {
      throw new IllegalArgumentException("sfs: times must be [B, n, S], got " + times);
    }
    int batch = times.dim(0);
    int n = times.dim(1);
    int sites = times.dim(2);
    if (!times.dtype().isFloating()) {
      throw new IllegalArgumentException("sfs: times must be floating, got " + times);
    }
    if (n < 2) {
      throw new IllegalArgumentException("sfs: needs at least 2 samples, times is " + times);
    }
    if (parents.dtype() != DType.I32) {
      throw new IllegalArgumentException("sfs: parents must be I32, got " + parents);
    }
    parents.requireShape(new int[] {batch, sites, 2 * n - 1}, "sfs parents (for times "
        + Shape.str(times.shape()) + ")");
    span.requireShape(new int[] {batch, sites}, "sfs span");
    mu.requireShape(new int[] {batch}, "sfs mu");
    if (span.dtype() != times.dtype() || mu.dtype() != times.dtype()) {
      throw new IllegalArgumentException("sfs: span and mu must have the dtype of times ("
          + times.dtype() + "), got " + span + " and " + mu);
    }
    for (Tensor t : new Tensor[] {parents, span, mu}) {
      if (t.backend() != times.backend()) {
        throw new IllegalArgumentException("sfs: inputs on different backends: " + t + ", "
            + times);
      }
    }
    DifferentiableSfs op = new DifferentiableSfs(parents, times, span, mu, n);
    op.desc = Tensor.empty(times.backend(), DType.I32, batch, sites, 2 * n - 1);
    Tensor out = Tensor.empty(times.backend(), times.dtype(), batch, n - 1);
    times.backend().kernels(Kernels.class).forward(parents, times, span, mu, n, op.desc, out);
    return op.record(out, times);
  }

  /**
   * The SFS loss of MODEL.md per example, {@code Σ_k (ŝ_k − s_k)² / max(s_k, 1) / max(S, 1)},
   * composed from differentiable ops (so it runs on any backend without a host round trip).
   *
   * @param predicted ŝ [B, n-1]
   * @param observed s [B, n-1], the observed counts of sites by derived-allele count (constant)
   * @param numSites [B], each example's number of (unpadded) segregating sites S (constant)
   * @return [B]; average it over the batch for the loss term
   */
  public static Tensor loss(Tensor predicted, Tensor observed, Tensor numSites) {
    observed.requireShape(predicted.shape(), "sfs loss observed spectrum");
    if (predicted.rank() != 2) {
      throw new IllegalArgumentException("sfs loss: predicted must be [B, n-1], got " + predicted);
    }
    numSites.requireShape(new int[] {predicted.dim(0)}, "sfs loss numSites");
    Tensor sq = Elementwise.square(Arith.sub(predicted, observed));
    Tensor perK = Arith.div(sq, atLeastOne(observed));
    return Arith.div(Reduce.sum(perK, 1, false), atLeastOne(numSites));
  }

  /** max(x, 1) for the constant denominators: relu(x − 1) + 1. */
  private static Tensor atLeastOne(Tensor x) {
    return Arith.addScalar(Elementwise.relu(Arith.addScalar(x, -1.0)), 1.0);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    if (!needsGrad(times)) {
      return;
    }
    Tensor gTimes = Tensor.zerosLike(times);
    times.backend().kernels(Kernels.class).backward(parents, desc, span, mu, g, n, gTimes);
    grads.add(times, gTimes);
  }
}
