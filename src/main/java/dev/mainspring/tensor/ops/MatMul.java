package dev.mainspring.tensor.ops;

import dev.mainspring.tensor.Gradients;
import dev.mainspring.tensor.Op;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;

/**
 * Batched matrix product C = op(A) · op(B), op = identity or transpose of the last two axes.
 * A is [..., m, k] (or [..., k, m] transposed); B is either batched like A or a single [k, n]
 * matrix shared by every batch (the common "tokens × weight" case, done as one big GEMM).
 */
public final class MatMul extends Op.Unary {
  /** Backend kernels: a strided-batched GEMM in cuBLAS's terms, but row-major. */
  public interface Kernels {
    /**
     * For each of {@code batch} problems: C = alpha · op(A) · op(B) + beta · C, with op(A) m×k,
     * op(B) k×n, all row-major and contiguous; consecutive problems are {@code strideX} elements
     * apart (stride 0 reuses the same matrix).
     */
    void gemm(boolean transA, boolean transB, int batch, int m, int n, int k, double alpha,
        Tensor a, long strideA, Tensor b, long strideB, double beta, Tensor c, long strideC);
  }

  private final Tensor a;
  private final Tensor b;
  private final boolean transA;
  private final boolean transB;
  private final boolean sharedB;
  private final int batch;
  private final int m;
  private final int n;
  private final int k;

  private MatMul(Tensor a, Tensor b, boolean transA, boolean transB) {
    this.a = a;
    this.b = b;
    this.transA = transA;
    this.transB = transB;
    if (a.rank() < 2 || b.rank() < 2) {
      throw new IllegalArgumentException("matmul needs matrices, got " + a + " and " + b);
    }
    int ar = a.rank();
    int br = b.rank();
    this.m = transA ? a.dim(ar - 1) : a.dim(ar - 2);
    int ka = transA ? a.dim(ar - 2) : a.dim(ar - 1);
    int kb = transB ? b.dim(br - 1) : b.dim(br - 2);
    this.n = transB ? b.dim(br - 2) : b.dim(br - 1);
    if (ka != kb) {
      throw new IllegalArgumentException("matmul inner dimensions differ: " + Shape.str(a.shape())
          + (transA ? "ᵀ" : "") + " · " + Shape.str(b.shape()) + (transB ? "ᵀ" : ""));
    }
    this.k = ka;
    long batchA = a.numel() / ((long) a.dim(ar - 1) * a.dim(ar - 2));
    long batchB = b.numel() / ((long) b.dim(br - 1) * b.dim(br - 2));
    this.sharedB = br == 2;
    if (!sharedB && batchA != batchB) {
      throw new IllegalArgumentException("matmul batch dimensions differ: " + Shape.str(a.shape())
          + " · " + Shape.str(b.shape()));
    }
    this.batch = (int) batchA;
  }

  public static Tensor apply(Tensor a, Tensor b) {
    return apply(a, b, false, false);
  }

  public static Tensor apply(Tensor a, Tensor b, boolean transA, boolean transB) {
    MatMul op = new MatMul(a, b, transA, transB);
    int[] outShape = a.shape();
    outShape[outShape.length - 2] = op.m;
    outShape[outShape.length - 1] = op.n;
    Tensor c = Tensor.empty(a.backend(), a.dtype(), outShape);
    a.backend().kernels(Kernels.class).gemm(transA, transB, op.batch, op.m, op.n, op.k, 1.0,
        a, (long) op.m * op.k, b, op.sharedB ? 0 : (long) op.k * op.n, 0.0, c, (long) op.m * op.n);
    return op.record(c, a, b);
  }

  @Override
  protected void backward(Tensor g, Gradients grads) {
    Kernels kern = a.backend().kernels(Kernels.class);
    long sA = (long) m * k;
    long sB = sharedB ? 0 : (long) k * n;
    long sC = (long) m * n;
    if (needsGrad(a)) {
      Tensor ga = Tensor.emptyLike(a);
      // op(A) = G · op(B)ᵀ; if A was transposed, A = (G · op(B)ᵀ)ᵀ = op(B) · Gᵀ.
      if (!transA) {
        kern.gemm(false, !transB, batch, m, k, n, 1.0, g, sC, b, sB, 0.0, ga, sA);
      } else {
        kern.gemm(transB, true, batch, k, m, n, 1.0, b, sB, g, sC, 0.0, ga, sA);
      }
      grads.add(a, ga);
    }
    if (needsGrad(b)) {
      Tensor gb = Tensor.emptyLike(b);
      if (sharedB) {
        // One GEMM over all batches stacked: dB = Σ_b op(A_b)ᵀ · G_b.
        int rows = batch * m;
        if (!transA) {
          if (!transB) {
            kern.gemm(true, false, 1, k, n, rows, 1.0, a, 0, g, 0, 0.0, gb, 0);
          } else {
            kern.gemm(true, false, 1, n, k, rows, 1.0, g, 0, a, 0, 0.0, gb, 0);
          }
        } else {
          // A is [batch, k, m]: accumulate per batch into the shared gradient.
          for (int i = 0; i < batch; i++) {
            Tensor ai = a.view(batch, k, m).rows(i, i + 1).view(k, m);
            Tensor gi = g.view(batch, m, n).rows(i, i + 1).view(m, n);
            if (!transB) {
              kern.gemm(false, false, 1, k, n, m, 1.0, ai, 0, gi, 0, i == 0 ? 0.0 : 1.0, gb, 0);
            } else {
              kern.gemm(true, true, 1, n, k, m, 1.0, gi, 0, ai, 0, i == 0 ? 0.0 : 1.0, gb, 0);
            }
          }
        }
      } else if (!transB) {
        // B = op(A)ᵀ · G
        kern.gemm(!transA, false, batch, k, n, m, 1.0, a, sA, g, sC, 0.0, gb, sB);
      } else {
        // Bᵀ = op(A)ᵀ · G  →  B = Gᵀ · op(A)
        kern.gemm(true, transA, batch, n, k, m, 1.0, g, sC, a, sA, 0.0, gb, sB);
      }
      grads.add(b, gb);
    }
  }
}
