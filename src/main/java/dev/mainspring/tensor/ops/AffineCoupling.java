package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * The elementwise transform of an affine coupling layer, fused with its log-determinant. With the
 * bounded log-scale {@code ls = 2·tanh(raw/2)} (MODEL.md, Stage 4: keeps each layer's scale within
 * [e⁻², e²] so early training cannot blow up):
 * <ul>
 *   <li>{@link #forward}: {@code z = x·e^ls + shift}, {@code logdet = Σ ls = log|det ∂z/∂x|};
 *   <li>{@link #inverse}: {@code x = (z − shift)·e^−ls}, {@code logdet = −Σ ls = log|det ∂x/∂z|}.
 * </ul>
 * The sums run over the last axis, so inputs [..., K2] give logdet [...] (e.g. [B, K2] → [B]).
 * Both directions are differentiable in all three inputs through both outputs: the inverse is the
 * sampling direction, and the KL term back-propagates through samples.
 */
public final class AffineCoupling extends Op {
  public enum Direction { FORWARD, INVERSE }

  /** Both outputs of one application. */
  public record Result(Tensor out, Tensor logdet) {}

  /** Backend kernels for this family; tensors are viewed as [rows, cols]. */
  public interface Kernels {
    /** out and logdet [rows] of the given direction from in, shift and raw (all [rows, cols]). */
    void forward(Direction dir, Tensor in, Tensor shift, Tensor raw, int rows, int cols,
        Tensor out, Tensor logdet);

    /**
     * Input gradients from {@code gOut} and {@code gLogdet} (either may be null: zero). {@code out}
     * is the saved forward output. Any of gIn, gShift, gRaw may be null: not wanted.
     */
    void backward(Direction dir, Tensor in, Tensor shift, Tensor raw, Tensor out, Tensor gOut,
        Tensor gLogdet, int rows, int cols, Tensor gIn, Tensor gShift, Tensor gRaw);
  }

  /**
   * The bounded log-scale 2·tanh(raw/2), shared by every backend's kernels. Written as
   * 2·sign(raw)·(1 − e^−|raw|)/(1 + e^−|raw|): one Math.exp, which HotSpot compiles to an
   * intrinsic, where Math.tanh runs fdlibm code several times slower, and the fused backward
   * recomputes this. Its absolute error (~1e-16) is what z, logdet and the derivative see.
   */
  public static double logScale(double raw) {
    double t = Math.exp(-Math.abs(raw));
    return 2.0 * Math.copySign((1.0 - t) / (1.0 + t), raw);
  }

  /** d logScale / d raw, written in terms of the log-scale itself: 1 − (ls/2)². */
  public static double logScaleDerivative(double logScale) {
    double h = 0.5 * logScale;
    return 1.0 - h * h;
  }

  private final Direction dir;
  private final Tensor in;
  private final Tensor shift;
  private final Tensor raw;
  private final int rows;
  private final int cols;
  private Tensor out;

  private AffineCoupling(Direction dir, Tensor in, Tensor shift, Tensor raw) {
    this.dir = dir;
    this.in = in;
    this.shift = shift;
    this.raw = raw;
    this.cols = in.dim(-1);
    this.rows = (int) (in.numel() / Math.max(1, cols));
  }

  /** z = x·e^ls + shift and log|det ∂z/∂x| = Σ ls. */
  public static Result forward(Tensor x, Tensor shift, Tensor rawLogScale) {
    return apply(Direction.FORWARD, x, shift, rawLogScale);
  }

  /** x = (z − shift)·e^−ls and log|det ∂x/∂z| = −Σ ls. */
  public static Result inverse(Tensor z, Tensor shift, Tensor rawLogScale) {
    return apply(Direction.INVERSE, z, shift, rawLogScale);
  }

  public static Result apply(Direction dir, Tensor in, Tensor shift, Tensor raw) {
    if (in.rank() < 2) {
      throw new IllegalArgumentException("affine coupling: input must be [..., K2] with rank >= 2, "
          + "got " + in);
    }
    shift.requireShape(in.shape(), "affine coupling shift");
    raw.requireShape(in.shape(), "affine coupling raw log-scale");
    if (!in.dtype().isFloating() || shift.dtype() != in.dtype() || raw.dtype() != in.dtype()) {
      throw new IllegalArgumentException("affine coupling: inputs need one floating dtype: " + in
          + ", " + shift + ", " + raw);
    }
    if (shift.backend() != in.backend() || raw.backend() != in.backend()) {
      throw new IllegalArgumentException("affine coupling: inputs on different backends");
    }
    AffineCoupling op = new AffineCoupling(dir, in, shift, raw);
    int[] s = in.shape();
    int[] ldShape = java.util.Arrays.copyOf(s, s.length - 1);
    op.out = Tensor.emptyLike(in);
    Tensor logdet = Tensor.empty(in.backend(), in.dtype(), ldShape);
    in.backend().kernels(Kernels.class).forward(dir, in, shift, raw, op.rows, op.cols, op.out,
        logdet);
    op.record(new Tensor[] {op.out, logdet}, in, shift, raw);
    return new Result(op.out, logdet);
  }

  @Override
  public String name() {
    return dir == Direction.FORWARD ? "AffineCoupling" : "AffineCouplingInverse";
  }

  @Override
  protected void backward(Tensor[] gradOutputs, Gradients grads) {
    Tensor gIn = needsGrad(in) ? Tensor.emptyLike(in) : null;
    Tensor gShift = needsGrad(shift) ? Tensor.emptyLike(shift) : null;
    Tensor gRaw = needsGrad(raw) ? Tensor.emptyLike(raw) : null;
    if (gIn == null && gShift == null && gRaw == null) {
      return;
    }
    Tensor gOut = gradOutputs[0];
    Tensor gLd = gradOutputs[1];
    if (gOut != null && !gOut.sameShape(out)) {
      throw new IllegalStateException("affine coupling: gradient of shape "
          + Shape.str(gOut.shape()) + " for output " + out);
    }
    in.backend().kernels(Kernels.class).backward(dir, in, shift, raw, out, gOut, gLd, rows, cols,
        gIn, gShift, gRaw);
    grads.add(in, gIn);
    grads.add(shift, gShift);
    grads.add(raw, gRaw);
  }
}
