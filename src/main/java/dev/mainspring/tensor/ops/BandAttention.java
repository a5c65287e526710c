package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Fused multi-head sliding-window attention along the sites of each sample (the encoder's
 * "column" attention). q, k, v and the output are [B, n, S, d]; head h uses features
 * [h·dh, (h+1)·dh) with dh = d / heads. For each (b, i), query site l attends to key sites l' with
 * |l − l'| ≤ window and mask[b, l'] ≠ 0, with score
 * <pre>  q_l·k_l' / √dh − softplus(a_h) · |pos[b, l] − pos[b, l']|</pre>
 * (recombination decorrelates sites with genomic distance; the model passes pos = rho·s·p).
 * Padded query sites output exactly 0 and pass exactly 0 gradient; padded keys never touch valid
 * outputs. Gradients flow to q, k, v and a; pos and mask get none.
 *
 * <p>Flash style: per (b, i, head) only a band row of scores exists at a time. The forward saves
 * one log-sum-exp per (b, i, head, l); the backward recomputes scores from it and uses
 * D_l = rowsum(dO_l ∘ O_l) as in FlashAttention-2.
 */
public final class BandAttention extends Op.Unary {
  /** Backend kernels. Kernels write every element of their outputs, padded sites included. */
  public interface Kernels {
    /**
     * out [B, n, S, d]; lse [B, n, heads, S] (log-sum-exp of query site l's scores, 0 at padded
     * sites). {@code pos} [B, S], {@code a} [heads]; {@code mask} [B, S] may be null (all valid).
     */
    void forward(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads,
        int window, Tensor out, Tensor lse);

    /** Given the forward's out and lse and the output gradient gOut, writes gq, gk, gv and ga. */
    void backward(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads,
        int window, Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv,
        Tensor ga);
  }

  private final Tensor q;
  private final Tensor k;
  private final Tensor v;
  private final Tensor pos;
  private final Tensor a;
  private final Tensor mask;
  private final int heads;
  private final int window;
  private Tensor out;
  private Tensor lse;

  private BandAttention(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads,
      int window) {
    this.q = q;
    this.k = k;
    this.v = v;
    this.pos = pos;
    this.a = a;
    this.mask = mask;
    this.heads = heads;
    this.window = window;
  }

  /**
   * Band attention over the sites of [B, n, S, d] activations: {@code pos} [B, S] scaled site
   * positions, {@code a} [heads] the learnable distance-decay parameters, {@code mask} [B, S]
   * (nonzero = valid, same dtype) or null, {@code window} w ≥ 0 the half-width of the band.
   */
  public static Tensor apply(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask,
      int heads, int window) {
    AttentionShapes.check("BandAttention", q, k, v, mask, heads);
    pos.requireShape(new int[] {q.dim(0), q.dim(2)}, "BandAttention positions [B, S]");
    a.requireShape(new int[] {heads}, "BandAttention per-head decay a [heads]");
    AttentionShapes.sameKind("BandAttention", q, pos, "pos");
    AttentionShapes.sameKind("BandAttention", q, a, "a");
    if (window < 0) {
      throw new IllegalArgumentException("BandAttention: window must be >= 0, got " + window);
    }
    BandAttention op = new BandAttention(q, k, v, pos, a, mask, heads, window);
    int[] s = q.shape();
    op.out = Tensor.emptyLike(q);
    op.lse = Tensor.empty(q.backend(), q.dtype(), s[0], s[1], heads, s[2]);
    q.backend().kernels(Kernels.class).forward(q, k, v, pos, a, mask, heads, window, op.out, op.lse);
    return op.record(op.out, q, k, v, a);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gq = Tensor.emptyLike(q);
    Tensor gk = Tensor.emptyLike(k);
    Tensor gv = Tensor.emptyLike(v);
    Tensor ga = Tensor.emptyLike(a);
    q.backend().kernels(Kernels.class).backward(q, k, v, pos, a, mask, heads, window, out, lse, g,
        gq, gk, gv, ga);
    grads.add(q, gq);
    grads.add(k, gk);
    grads.add(v, gv);
    grads.add(a, ga);
  }

  @Override
  public String name() {
    return "BandAttention[heads=" + heads + ", w=" + window + ", " + Shape.str(q.shape()) + "]";
  }
}
