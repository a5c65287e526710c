package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import java.util.Arrays;

/**
 * Index ops for message passing over graphs: {@link #select} (rows of x by index), its adjoint
 * {@link #scatterAdd} (rows added into their target), and {@link #gather} along the last axis
 * (torch.gather semantics). Indices are I32 and must lie in range: a kernel that meets one outside
 * throws {@link #outOfRange}. Each op's backward is the other's forward.
 */
public final class Index {
  private Index() {}

  /** Backend kernels for the family. A "row" is everything after the indexed axis, flattened. */
  public interface Kernels {
    /** out[i, :] = x[idx[i], :] for i < idx.numel(); x is [n, row], out is [idx.numel(), row]. */
    void select(Tensor x, Tensor idx, int n, long row, Tensor out);

    /**
     * out[t, :] = Σ over i with idx[i] = t of src[i, :], added in increasing i so the result does not
     * depend on scheduling; rows no index hits are 0. src is [idx.numel(), row], out is [n, row].
     */
    void scatterAdd(Tensor src, Tensor idx, int n, long row, Tensor out);

    /** out[r, j] = x[r, idx[r, j]]; x is [rows, k], idx and out are [rows, cols]. */
    void gather(Tensor x, Tensor idx, long rows, int k, int cols, Tensor out);

    /** gx[r, c] = Σ over j with idx[r, j] = c of g[r, j], in increasing j; 0 where no j points. */
    void gatherBackward(Tensor g, Tensor idx, long rows, int k, int cols, Tensor gx);
  }

  /** The error kernels throw for an index outside [0, bound). */
  public static IllegalArgumentException outOfRange(String op, long position, int value, int bound,
      String what) {
    return new IllegalArgumentException(op + ": index " + value + " at position " + position
        + " of idx is outside [0, " + bound + ") (" + what + ")");
  }

  /**
   * Rows of x [N, ...] picked by idx (I32, any shape, values in [0, N)): the result has shape
   * idx.shape ++ x.shape[1:]. Gradient: the output gradient's rows scatter-added back.
   */
  public static Tensor select(Tensor x, Tensor idx) {
    Masks.requireIndices("indexSelect", idx);
    if (x.rank() == 0) {
      throw new IllegalArgumentException("indexSelect needs x with a leading axis, got " + x);
    }
    sameBackend("indexSelect", x, idx);
    int[] xs = x.shape();
    int[] rowShape = Arrays.copyOfRange(xs, 1, xs.length);
    long row = Shape.numel(rowShape);
    Tensor out = Tensor.empty(x.backend(), x.dtype(), concat(idx.shape(), rowShape));
    x.backend().kernels(Kernels.class).select(x, idx, xs[0], row, out);
    return new Select(x, idx, row).recordOutput(out);
  }

  /**
   * Rows of src [idx.shape ++ R] added into a zero tensor [n ++ R] at the rows idx names (several
   * may land on one row). Deterministic on the CPU. Gradient: the output gradient's rows selected.
   */
  public static Tensor scatterAdd(Tensor src, Tensor idx, int n) {
    Masks.requireIndices("scatterAdd", idx);
    Masks.requireFloating("scatterAdd", src);
    sameBackend("scatterAdd", src, idx);
    if (n < 0) {
      throw new IllegalArgumentException("scatterAdd: negative number of target rows " + n);
    }
    int[] is = idx.shape();
    int[] ss = src.shape();
    if (ss.length < is.length || !Arrays.equals(Arrays.copyOf(ss, is.length), is)) {
      throw new IllegalArgumentException("scatterAdd: src of shape " + Shape.str(ss)
          + " must start with idx's shape " + Shape.str(is));
    }
    int[] rowShape = Arrays.copyOfRange(ss, is.length, ss.length);
    long row = Shape.numel(rowShape);
    Tensor out = Tensor.empty(src.backend(), src.dtype(), concat(new int[] {n}, rowShape));
    src.backend().kernels(Kernels.class).scatterAdd(src, idx, n, row, out);
    return new ScatterAdd(src, idx, n, row).recordOutput(out);
  }

  /**
   * out[..., j] = x[..., idx[..., j]] along the last axis: x is [..., K], idx (I32, values in
   * [0, K)) is [..., J] with the same leading axes, out is [..., J].
   */
  public static Tensor gather(Tensor x, Tensor idx) {
    Masks.requireIndices("gather", idx);
    sameBackend("gather", x, idx);
    int[] xs = x.shape();
    int[] is = idx.shape();
    if (xs.length == 0 || is.length != xs.length
        || !Arrays.equals(Arrays.copyOf(xs, xs.length - 1), Arrays.copyOf(is, is.length - 1))) {
      throw new IllegalArgumentException("gather: idx of shape " + Shape.str(is)
          + " must have x's leading axes " + Shape.str(xs) + " and differ at most in the last");
    }
    int k = xs[xs.length - 1];
    int cols = is[is.length - 1];
    long rows = Shape.numel(Arrays.copyOf(is, is.length - 1));
    Tensor out = Tensor.empty(x.backend(), x.dtype(), is);
    x.backend().kernels(Kernels.class).gather(x, idx, rows, k, cols, out);
    return new Gather(x, idx, rows, k, cols).recordOutput(out);
  }

  private static void sameBackend(String op, Tensor a, Tensor idx) {
    if (a.backend() != idx.backend()) {
      throw new IllegalArgumentException(op + ": indices " + idx + " on another backend than " + a);
    }
  }

  private static int[] concat(int[] a, int[] b) {
    int[] s = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, s, a.length, b.length);
    return s;
  }

  private static final class Select extends Op.Unary {
    private final Tensor x;
    private final Tensor idx;
    private final long row;

    Select(Tensor x, Tensor idx, long row) {
      this.x = x;
      this.idx = idx;
      this.row = row;
    }

    Tensor recordOutput(Tensor out) {
      return record(out, x, idx);
    }

    @Override
    protected void backward(Tensor g, Gradients grads) {
      Tensor gx = Tensor.emptyLike(x);
      x.backend().kernels(Kernels.class).scatterAdd(g, idx, x.dim(0), row, gx);
      grads.add(x, gx);
    }
  }

  private static final class ScatterAdd extends Op.Unary {
    private final Tensor src;
    private final Tensor idx;
    private final int n;
    private final long row;

    ScatterAdd(Tensor src, Tensor idx, int n, long row) {
      this.src = src;
      this.idx = idx;
      this.n = n;
      this.row = row;
    }

    Tensor recordOutput(Tensor out) {
      return record(out, src, idx);
    }

    @Override
    protected void backward(Tensor g, Gradients grads) {
      Tensor gs = Tensor.emptyLike(src);
      src.backend().kernels(Kernels.class).select(g, idx, n, row, gs);
      grads.add(src, gs);
    }
  }

  private static final class Gather extends Op.Unary {
    private final Tensor x;
    private final Tensor idx;
    private final long rows;
    private final int k;
    private final int cols;

    Gather(Tensor x, Tensor idx, long rows, int k, int cols) {
      this.x = x;
      this.idx = idx;
      this.rows = rows;
      this.k = k;
      this.cols = cols;
    }

    Tensor recordOutput(Tensor out) {
      return record(out, x, idx);
    }

    @Override
    protected void backward(Tensor g, Gradients grads) {
      Tensor gx = Tensor.emptyLike(x);
      x.backend().kernels(Kernels.class).gatherBackward(g, idx, rows, k, cols, gx);
      grads.add(x, gx);
    }
  }
}
