package dev.mainspring.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-thread record of differentiable ops in execution order (define-by-run). Reverse order is
 * a valid topological order for backward. Recording can be switched off for inference and
 * validation with {@link #noGrad()}.
 */
public final class Tape {
  private static final ThreadLocal<Tape> CURRENT = ThreadLocal.withInitial(Tape::new);

  private final List<Op> ops = new ArrayList<>();
  private int disabled;

  private Tape() {}

  static boolean wants(Tensor[] inputs) {
    Tape t = CURRENT.get();
    if (t.disabled > 0) {
      return false;
    }
    for (Tensor in : inputs) {
      if (in != null && in.requiresGrad()) {
        return true;
      }
    }
    return false;
  }

  static void push(Op op) {
    CURRENT.get().ops.add(op);
  }

  static List<Op> ops() {
    return CURRENT.get().ops;
  }

  /** Forgets everything recorded on this thread. */
  public static void clear() {
    Tape t = CURRENT.get();
    for (Op op : t.ops) {
      for (Tensor o : op.outputs()) {
        o.setCreator(null);
      }
    }
    t.ops.clear();
  }

  /** Number of ops recorded (for tests and diagnostics). */
  public static int size() {
    return CURRENT.get().ops.size();
  }

  public static boolean recording() {
    return CURRENT.get().disabled == 0;
  }

  /** Turns recording off until the returned handle closes (nestable). */
  public static NoGrad noGrad() {
    CURRENT.get().disabled++;
    return new NoGrad();
  }

  /** Handle that re-enables recording. */
  public static final class NoGrad implements AutoCloseable {
    private boolean closed;

    private NoGrad() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        CURRENT.get().disabled--;
      }
    }
  }
}
