package dev.mainspring.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Explicit memory lifetime: every storage allocated while a scope is the innermost open one is
 * released when the scope closes. A training step is one scope, so it frees what it allocated
 * without the garbage collector. Tensors that must outlive the scope are handed to the enclosing
 * scope with {@link #keep}. Allocations with no open scope (parameters, optimiser state) belong to
 * their creator, who releases them.
 *
 * <p>Scopes are per thread. Do not close an inner scope between a recorded forward pass and its
 * backward pass: backward still reads the tensors the forward saved.
 */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<ArrayDeque<Scope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

  private final List<Storage> owned = new ArrayList<>();
  private final boolean detached;
  private boolean closed;

  private Scope(boolean detached) {
    this.detached = detached;
  }

  /** Opens a scope that owns what is allocated until it closes. */
  public static Scope open() {
    Scope s = new Scope(false);
    STACK.get().push(s);
    return s;
  }

  /**
   * Opens a region whose allocations belong to no scope (for long-lived tensors such as parameter
   * gradients created lazily in the middle of a step). The caller owns and releases them.
   */
  public static Scope detached() {
    Scope s = new Scope(true);
    STACK.get().push(s);
    return s;
  }

  /** Called by tensor factories: puts a fresh storage under the innermost scope, if any. */
  static void adopt(Storage storage) {
    Scope s = STACK.get().peek();
    if (s != null && !s.detached) {
      s.owned.add(storage);
    }
  }

  /** True while some non-detached scope is open on this thread. */
  public static boolean active() {
    Scope s = STACK.get().peek();
    return s != null && !s.detached;
  }

  /**
   * Moves {@code t}'s storage out of this scope into the enclosing one (or to the caller when there
   * is none), so it survives {@link #close()}. Returns {@code t} for chaining.
   */
  public Tensor keep(Tensor t) {
    Storage st = t.storage();
    if (!owned.remove(st)) {
      return t; // not ours: already owned further out
    }
    ArrayDeque<Scope> stack = STACK.get();
    boolean passed = false;
    for (Scope s : stack) {
      if (passed && !s.detached) {
        s.owned.add(st);
        return t;
      }
      if (s == this) {
        passed = true;
      }
    }
    return t;
  }

  /** Number of storages this scope will release (for tests and leak diagnostics). */
  public int ownedCount() {
    return owned.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ArrayDeque<Scope> stack = STACK.get();
    if (stack.peek() != this) {
      throw new IllegalStateException("scopes must close innermost first");
    }
    stack.pop();
    for (int i = owned.size() - 1; i >= 0; i--) {
      owned.get(i).release();
    }
    owned.clear();
    if (!active()) {
      Tape.clear(); // nothing recorded can be differentiated once its tensors are gone
    }
  }
}
