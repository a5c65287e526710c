package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * Fused elementwise negative log-likelihood of data x > 0 under Gamma(shape α, rate β):
 * nll = −(α log β + (α − 1) log x − β x − log Γ(α)). Gradients go to α (log x + log β − ψ(α), negated)
 * and β (α/β − x, negated); x is data and gets none. Masked entries (mask = 0) are 0 with zero
 * gradient and their x, α, β are never read, so padding may hold anything.
 */
public final class GammaNll extends Op.Unary {
  /** Backend kernels; x, α, β and out share one shape, the mask is read through maskStrides. */
  public interface Kernels {
    /** out = nll(x; α, β) at valid entries, 0 at masked ones (mask null = all valid). */
    void forward(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides, Tensor out);

    /**
     * gAlpha = g · (ψ(α) − log β − log x), gBeta = g · (x − α/β) at valid entries, 0 at masked ones;
     * either output may be null when not wanted.
     */
    void backward(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides, Tensor g,
        Tensor gAlpha, Tensor gBeta);
  }

  private final Tensor x;
  private final Tensor alpha;
  private final Tensor beta;
  private final Tensor mask;
  private final long[] maskStrides;

  private GammaNll(Tensor x, Tensor alpha, Tensor beta, Tensor mask, long[] maskStrides) {
    this.x = x;
    this.alpha = alpha;
    this.beta = beta;
    this.mask = mask;
    this.maskStrides = maskStrides;
  }

  /** Per-element Gamma NLL of data x under (α, β), all of one shape; mask may be null. */
  public static Tensor apply(Tensor x, Tensor alpha, Tensor beta, Tensor mask) {
    Masks.requireFloating("gammaNll", x);
    Masks.sameBackendAndDtype("gammaNll", x, alpha);
    Masks.sameBackendAndDtype("gammaNll", x, beta);
    alpha.requireShape(x.shape(), "gammaNll alpha (the shape of x)");
    beta.requireShape(x.shape(), "gammaNll beta (the shape of x)");
    GammaNll op = new GammaNll(x, alpha, beta, mask, Masks.strides(mask, x, "gammaNll"));
    Tensor out = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).forward(x, alpha, beta, mask, op.maskStrides, out);
    return op.record(out, alpha, beta, x, mask);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor ga = needsGrad(alpha) ? Tensor.emptyLike(alpha) : null;
    Tensor gb = needsGrad(beta) ? Tensor.emptyLike(beta) : null;
    x.backend().kernels(Kernels.class).backward(x, alpha, beta, mask, maskStrides, g, ga, gb);
    grads.add(alpha, ga);
    grads.add(beta, gb);
  }
}
