package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Tensor;

/**
 * A differentiable histogram with Gaussian kernels (MODEL.md, Stage 4 context: log10 of the
 * predicted join times in 32 bins over [0, 6]):
 * {@code h[b, k] = Σ_x m(x)·exp(−(x − c_k)² / 2σ²) / Σ_x m(x)} over the entries x of example b,
 * with the bin centres {@code c_k = lo + (k + ½)·(hi − lo)/bins} and weights m from the mask.
 * Entries with weight 0 are skipped (they may hold anything, even NaN) and get zero gradient; an
 * example with no weight gets an all-zero histogram. Differentiable in x; the mask is a constant.
 */
public final class SoftHistogram extends Op.Unary {
  /** Backend kernels for this family; x and mask are viewed as [batch, per]. */
  public interface Kernels {
    /**
     * out [batch, bins] and mass [batch] = Σ mask per example (kept for backward). Centres are
     * {@code first + k·step}. mask may be null (every weight 1).
     */
    void forward(Tensor x, Tensor mask, int batch, int per, double first, double step, int bins,
        double sigma, Tensor out, Tensor mass);

    /** gx = ∂(Σ g·out)/∂x. */
    void backward(Tensor x, Tensor mask, Tensor mass, Tensor g, int batch, int per, double first,
        double step, int bins, double sigma, Tensor gx);
  }

  private final Tensor x;
  private final Tensor mask;
  private final int batch;
  private final int per;
  private final double first;
  private final double step;
  private final int bins;
  private final double sigma;
  private Tensor mass;

  private SoftHistogram(Tensor x, Tensor mask, double first, double step, int bins, double sigma) {
    this.x = x;
    this.mask = mask;
    this.batch = x.dim(0);
    this.per = (int) (x.numel() / Math.max(1, batch));
    this.first = first;
    this.step = step;
    this.bins = bins;
    this.sigma = sigma;
  }

  /**
   * @param x values [B, ...] (e.g. log10 join times [B, n, S])
   * @param mask weights of x's shape (nonzero = counted), or null for all ones
   * @param lo left edge of the first bin
   * @param hi right edge of the last bin
   * @param bins number of bins K
   * @param sigma kernel width (the bin width is a natural choice)
   * @return [B, K]
   */
  public static Tensor apply(Tensor x, Tensor mask, double lo, double hi, int bins, double sigma) {
    if (x.rank() < 1 || !x.dtype().isFloating()) {
      throw new IllegalArgumentException("soft histogram: x must be floating [B, ...], got " + x);
    }
    if (bins < 1 || !(hi > lo) || !(sigma > 0)) {
      throw new IllegalArgumentException("soft histogram: needs bins >= 1, hi > lo and sigma > 0; "
          + "got " + bins + " bins over [" + lo + ", " + hi + "], sigma " + sigma);
    }
    if (mask != null) {
      mask.requireShape(x.shape(), "soft histogram mask");
      if (mask.dtype() != x.dtype() || mask.backend() != x.backend()) {
        throw new IllegalArgumentException("soft histogram: mask must match x's dtype and backend: "
            + mask + " vs " + x);
      }
    }
    double step = (hi - lo) / bins;
    SoftHistogram op = new SoftHistogram(x, mask, lo + 0.5 * step, step, bins, sigma);
    Tensor out = Tensor.empty(x.backend(), x.dtype(), op.batch, bins);
    op.mass = Tensor.empty(x.backend(), x.dtype(), op.batch);
    x.backend().kernels(Kernels.class).forward(x, mask, op.batch, op.per, op.first, step, bins,
        sigma, out, op.mass);
    return op.record(out, x);
  }

  /** Centre of bin k for a histogram over [lo, hi] with {@code bins} bins. */
  public static double centre(double lo, double hi, int bins, int k) {
    double step = (hi - lo) / bins;
    return lo + (k + 0.5) * step;
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Tensor gx = Tensor.emptyLike(x);
    x.backend().kernels(Kernels.class).backward(x, mask, mass, g, batch, per, first, step, bins,
        sigma, gx);
    grads.add(x, gx);
  }
}
