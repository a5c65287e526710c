package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * LayerNorm over the last axis with an affine map: y = (x − μ) / √(σ² + ε) · γ + β, with the biased
 * variance σ² (as PyTorch). Each row is normalised on its own, so padded rows never affect valid ones,
 * and a padded row whose output gradient is zero gets exactly zero input gradient and adds exactly
 * zero to the γ and β gradients, provided it holds finite values (0 · NaN is NaN).
 */
public final class LayerNorm extends Op.Unary {
  /** Backend kernels; x is [rows, d] (d = last axis), mean and rstd are [rows] in x's dtype. */
  public interface Kernels {
    /** out = (x − mean)·rstd·γ + β per row; saves each row's mean and rstd = 1/√(var + eps). */
    void forward(Tensor x, Tensor gamma, Tensor beta, double eps, Tensor out, Tensor mean,
        Tensor rstd);

    /**
     * Gradients for x, γ and β (any may be null when not wanted). The γ and β gradients are sums over
     * rows and must not depend on thread timing.
     */
    void backward(Tensor x, Tensor gamma, Tensor mean, Tensor rstd, Tensor g, Tensor gx,
        Tensor gGamma, Tensor gBeta);
  }

  private final Tensor x;
  private final Tensor gamma;
  private final Tensor beta;
  private Tensor mean;
  private Tensor rstd;

  private LayerNorm(Tensor x, Tensor gamma, Tensor beta) {
    this.x = x;
    this.gamma = gamma;
    this.beta = beta;
  }

  /** LayerNorm of x over its last axis d, with γ and β of shape [d] and ε = {@code eps} ≥ 0. */
  public static Tensor apply(Tensor x, Tensor gamma, Tensor beta, double eps) {
    Masks.requireFloating("layerNorm", x);
    if (x.rank() == 0 || x.dim(-1) == 0) {
      throw new IllegalArgumentException("layerNorm needs a non-empty last axis, got " + x);
    }
    int d = x.dim(-1);
    Masks.sameBackendAndDtype("layerNorm", x, gamma);
    Masks.sameBackendAndDtype("layerNorm", x, beta);
    gamma.requireShape(Shape.of(d), "layerNorm gamma");
    beta.requireShape(Shape.of(d), "layerNorm beta");
    if (!(eps >= 0) || Double.isInfinite(eps)) {
      throw new IllegalArgumentException("layerNorm eps must be finite and ≥ 0, got " + eps);
    }
    LayerNorm op = new LayerNorm(x, gamma, beta);
    int rows = (int) (x.numel() / d);
    op.mean = Tensor.empty(x.backend(), x.dtype(), rows);
    op.rstd = Tensor.empty(x.backend(), x.dtype(), rows);
    Tensor out = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).forward(x, gamma, beta, eps, out, op.mean, op.rstd);
    return op.record(out, x, gamma, beta);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = needsGrad(x) ? Tensor.emptyLike(x) : null;
    Tensor gGamma = needsGrad(gamma) ? Tensor.emptyLike(gamma) : null;
    Tensor gBeta = needsGrad(beta) ? Tensor.emptyLike(beta) : null;
    x.backend().kernels(Kernels.class).backward(x, gamma, mean, rstd, g, gx, gGamma, gBeta);
    grads.add(x, gx);
    grads.add(gamma, gGamma);
    grads.add(beta, gBeta);
  }
}
