package dev.mainspring.tensor;

import dev.mainspring.tensor.ops.Arith;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Collects gradients during one backward pass. Interior tensors' gradients live in a map for the
 * pass; leaves that require grad (parameters, inputs under test) accumulate into
 * {@link Tensor#grad()}, which persists across steps until cleared (allocated outside any scope).
 */
public final class Gradients {
  private final Map<Tensor, Tensor> interior = new IdentityHashMap<>();
  // Gradients we allocated ourselves may be updated in place; borrowed ones (an op handed us a
  // tensor it also gave to another input, or a view) must be copied before the first update.
  private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());

  Gradients() {}

  /** Adds {@code grad} to the gradient of {@code target} (shapes must match exactly). */
  public void add(Tensor target, Tensor grad) {
    if (target == null || grad == null || !target.requiresGrad()) {
      return;
    }
    if (!target.sameShape(grad)) {
      throw new IllegalStateException("gradient shape " + Shape.str(grad.shape()) + " does not match "
          + target + " (an op's backward is wrong)");
    }
    if (target.isLeaf()) {
      addToLeaf(target, grad);
      return;
    }
    Tensor prev = interior.get(target);
    if (prev == null) {
      interior.put(target, grad);
    } else if (owned.contains(prev)) {
      Arith.addInPlace(prev, grad);
    } else {
      Tensor sum = prev.copy();
      Arith.addInPlace(sum, grad);
      interior.put(target, sum);
      owned.add(sum);
    }
  }

  private static void addToLeaf(Tensor leaf, Tensor grad) {
    Tensor g = leaf.grad();
    if (g == null) {
      try (Scope s = Scope.detached()) {
        g = Tensor.emptyLike(leaf);
      }
      grad.copyTo(g);
      leaf.setGrad(g);
    } else {
      Arith.addInPlace(g, grad);
    }
  }

  Tensor of(Tensor t) {
    return interior.get(t);
  }

  void seed(Tensor t, Tensor g) {
    interior.put(t, g);
    owned.add(g);
  }

  void forget(Tensor t) {
    Tensor g = interior.remove(t);
    if (g != null) {
      owned.remove(g);
    }
  }
}
