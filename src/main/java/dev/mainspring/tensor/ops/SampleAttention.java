package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Fused multi-head self-attention across the n samples at each site (the encoder's "row"
 * attention). q, k, v and the output are [B, n, S, d]; head h uses features [h·dh, (h+1)·dh) with
 * dh = d / heads. At every valid site (b, l) row i attends to rows j (all j, or j &lt; i strictly when
 * causal) with scores q_i·k_j / √dh and no positional information, so permuting the samples
 * permutes the output. Padded sites (mask 0) output exactly 0 and pass exactly 0 gradient; a row
 * with no allowed key (causal row 0) outputs 0.
 *
 * <p>Flash style: no score tensor is kept. The forward saves one log-sum-exp per (site, head, row);
 * the backward recomputes each row's scores from it and uses D_i = rowsum(dO_i ∘ O_i) as in
 * FlashAttention-2. The mask gets no gradient.
 */
public final class SampleAttention extends Op.Unary {
  /** Backend kernels. Kernels write every element of their outputs, padded sites included. */
  public interface Kernels {
    /**
     * out [B, n, S, d]; lse [B, S, heads, n] (the log-sum-exp of row i's scores): 0 at padded
     * sites, −∞ for a row with no allowed key. {@code mask} [B, S] may be null (all valid).
     */
    void forward(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal, Tensor out,
        Tensor lse);

    /** Given the forward's out and lse and the output gradient gOut, writes gq, gk and gv. */
    void backward(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal, Tensor out,
        Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv);
  }

  private final Tensor q;
  private final Tensor k;
  private final Tensor v;
  private final Tensor mask;
  private final int heads;
  private final boolean causal;
  private Tensor out;
  private Tensor lse;

  private SampleAttention(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal) {
    this.q = q;
    this.k = k;
    this.v = v;
    this.mask = mask;
    this.heads = heads;
    this.causal = causal;
  }

  /**
   * Attention over samples of [B, n, S, d] activations with {@code heads} heads; {@code mask}
   * [B, S] (nonzero = valid site, same dtype) or null; {@code causal}: row i sees only rows j &lt; i.
   */
  public static Tensor apply(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal) {
    AttentionShapes.check("SampleAttention", q, k, v, mask, heads);
    SampleAttention op = new SampleAttention(q, k, v, mask, heads, causal);
    int[] s = q.shape();
    op.out = Tensor.emptyLike(q);
    op.lse = Tensor.empty(q.backend(), q.dtype(), s[0], s[2], heads, s[1]);
    q.backend().kernels(Kernels.class).forward(q, k, v, mask, heads, causal, op.out, op.lse);
    return op.record(op.out, q, k, v);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gq = Tensor.emptyLike(q);
    Tensor gk = Tensor.emptyLike(k);
    Tensor gv = Tensor.emptyLike(v);
    q.backend().kernels(Kernels.class).backward(q, k, v, mask, heads, causal, out, lse, g, gq, gk,
        gv);
    grads.add(q, gq);
    grads.add(k, gk);
    grads.add(v, gv);
  }

  @Override
  public String name() {
    return "SampleAttention" + (causal ? "(causal)" : "") + "[heads=" + heads + ", "
        + Shape.str(q.shape()) + "]";
  }
}
