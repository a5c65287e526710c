package dev.mainspring.tensor;

/**
 * One differentiable operation: a forward that computes outputs from inputs through a backend's
 * kernels, and a backward that turns output gradients into input gradients. Concrete ops expose a
 * static {@code apply(...)} that builds the op, runs its forward and calls {@link #record}; the op
 * instance then lives on the {@link Tape} with whatever its backward needs saved in fields.
 */
public abstract class Op {
  private Tensor[] inputs;
  private Tensor[] outputs;

  /** A name for error messages and profiles. */
  public String name() {
    return getClass().getSimpleName();
  }

  /**
   * Puts this op on the tape when gradients are wanted (recording on, some input requires grad),
   * marks the outputs as differentiable, and returns the first output for chaining.
   */
  protected final Tensor record(Tensor[] outs, Tensor... ins) {
    if (Tape.wants(ins)) {
      this.inputs = ins;
      this.outputs = outs;
      for (Tensor o : outs) {
        if (o.dtype().isFloating()) {
          o.requiresGrad(true);
          o.setCreator(this);
        }
      }
      Tape.push(this);
    }
    return outs[0];
  }

  protected final Tensor record(Tensor out, Tensor... ins) {
    return record(new Tensor[] {out}, ins);
  }

  /**
   * Computes input gradients. {@code gradOutputs[k]} is the gradient of output k, or null when no
   * gradient reached it (treat as zero). Hand each input's gradient to {@code grads}.
   */
  protected abstract void backward(Tensor[] gradOutputs, Gradients grads);

  final Tensor[] inputs() {
    return inputs;
  }

  final Tensor[] outputs() {
    return outputs;
  }

  /** Whether input {@code t} wants a gradient: lets backward skip work nobody needs. */
  protected static boolean needsGrad(Tensor t) {
    return t != null && t.requiresGrad();
  }

  /** Convenience for single-output ops. */
  public abstract static class Unary extends Op {
    @Override
    protected final void backward(Tensor[] gradOutputs, Gradients grads) {
      if (gradOutputs[0] != null) {
        backward(gradOutputs[0], grads);
      }
    }

    protected abstract void backward(Tensor gradOutput, Gradients grads);
  }
}
