package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Reorders axes into a new contiguous tensor: output axis d is input axis perm[d] (numpy's
 * transpose(perm), torch's permute). Backward is the inverse permutation. {@link #transpose} swaps two.
 */
public final class Permute extends Op.Unary {
  /** Backend kernel. */
  public interface Kernels {
    /** out, of shape x.shape[perm[d]], holds out[i_0, …] = x[the index whose axis perm[d] is i_d]. */
    void permute(Tensor x, int[] perm, Tensor out);
  }

  private final Tensor x;
  private final int[] inverse;

  private Permute(Tensor x, int[] inverse) {
    this.x = x;
    this.inverse = inverse;
  }

  /** Axis d of the result is axis perm[d] of x (negative entries count from the end). */
  public static Tensor apply(Tensor x, int... perm) {
    int r = x.rank();
    if (perm.length != r) {
      throw new IllegalArgumentException("permute of " + x + " needs " + r + " axes, got "
          + Shape.str(perm));
    }
    int[] p = new int[r];
    int[] inverse = new int[r];
    boolean[] seen = new boolean[r];
    for (int d = 0; d < r; d++) {
      p[d] = Shape.axis(perm[d], r);
      if (seen[p[d]]) {
        throw new IllegalArgumentException("permute: " + Shape.str(perm)
            + " is not a permutation of the " + r + " axes of " + x);
      }
      seen[p[d]] = true;
      inverse[p[d]] = d;
    }
    int[] s = x.shape();
    int[] os = new int[r];
    for (int d = 0; d < r; d++) {
      os[d] = s[p[d]];
    }
    Tensor out = Tensor.empty(x.backend(), x.dtype(), os);
    x.backend().kernels(Kernels.class).permute(x, p, out);
    return new Permute(x, inverse).record(out, x);
  }

  /** x with axes a and b swapped. */
  public static Tensor transpose(Tensor x, int a, int b) {
    int r = x.rank();
    int[] perm = new int[r];
    for (int d = 0; d < r; d++) {
      perm[d] = d;
    }
    int aa = Shape.axis(a, r);
    int bb = Shape.axis(b, r);
    perm[aa] = bb;
    perm[bb] = aa;
    return apply(x, perm);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    int[] s = x.shape();
    Tensor gx = Tensor.empty(g.backend(), g.dtype(), s);
    g.backend().kernels(Kernels.class).permute(g, inverse, gx);
    grads.add(x, gx);
  }
}
