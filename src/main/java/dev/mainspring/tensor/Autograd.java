package dev.mainspring.tensor;

import java.util.List;

/** Reverse-mode differentiation over the thread's {@link Tape}. */
public final class Autograd {
  private Autograd() {}

  /**
   * Back-propagates from a scalar {@code loss} (seed gradient 1) through every recorded op,
   * accumulating into the {@code grad} of leaves that require it, then clears the tape. Gradient
   * tensors of interior nodes are allocated in the current scope.
   */
  public static void backward(Tensor loss) {
    if (loss.numel() != 1) {
      throw new IllegalArgumentException("backward needs a scalar loss, got shape "
          + Shape.str(loss.shape()) + "; pass an explicit seed gradient instead");
    }
    backward(loss, Tensor.full(loss.backend(), loss.dtype(), 1.0, loss.shape()));
  }

  /** Back-propagates an explicit output gradient {@code seed} (same shape as {@code output}). */
  public static void backward(Tensor output, Tensor seed) {
    if (!output.requiresGrad()) {
      throw new IllegalStateException("backward from " + output + ", which does not depend on any "
          + "tensor that requires grad (or was computed with recording off)");
    }
    Gradients grads = new Gradients();
    if (output.isLeaf()) {
      grads.add(output, seed);
      Tape.clear();
      return;
    }
    grads.seed(output, seed);
    List<Op> ops = Tape.ops();
    try (Tape.NoGrad ng = Tape.noGrad()) {
      for (int k = ops.size() - 1; k >= 0; k--) {
        Op op = ops.get(k);
        Tensor[] outs = op.outputs();
        Tensor[] gOuts = new Tensor[outs.length];
        boolean any = false;
        for (int i = 0; i < outs.length; i++) {
          gOuts[i] = grads.of(outs[i]);
          any |= gOuts[i] != null;
        }
        if (!any) {
          continue;
        }
        for (Tensor in : op.inputs()) {
          if (in != null && in.storage().isReleased()) {
            throw new IllegalStateException(op.name() + ": an input was released before backward "
                + "(was it allocated in an inner Scope that closed?)");
          }
        }
        op.backward(gOuts, grads);
        for (Tensor o : outs) {
          grads.forget(o);
        }
      }
    } finally {
      Tape.clear();
    }
  }
}
