package dev.mainspring.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named tree of parameters. Subclasses register their parameters and child modules in their
 * constructors; the registration order is the iteration order of {@link #parameters()}, so
 * optimiser state and checkpoints line up run after run. Full names join the path with dots:
 * "layers.0.weight", as PyTorch names its state_dict.
 */
public abstract class Module {
  // Parameter or Module, in registration order.
  private final Map<String, Object> entries = new LinkedHashMap<>();

  /** Registers a parameter under {@code p.name()} and returns it. */
  protected final Parameter register(Parameter p) {
    put(p.name(), p);
    return p;
  }

  /** Registers a child module under {@code name} and returns it. */
  protected final <M extends Module> M register(String name, M child) {
    put(name, child);
    return child;
  }

  private void put(String name, Object entry) {
    if (name == null || name.isEmpty() || name.contains(".")) {
      throw new IllegalArgumentException("module entry names must be non-empty and dot-free, got '"
          + name + "'");
    }
    if (entries.putIfAbsent(name, entry) != null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " already has an entry named '"
          + name + "'");
    }
  }

  /** Every parameter of this module and its descendants, by full name, in a stable order. */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out);
    return Collections.unmodifiableMap(out);
  }

  private void collect(String prefix, Map<String, Parameter> out) {
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      String full = prefix + e.getKey();
      if (e.getValue() instanceof Parameter p) {
        out.put(full, p);
      } else {
        ((Module) e.getValue()).collect(full + ".", out);
      }
    }
  }

  /** Every parameter, in the order of {@link #namedParameters()}. */
  public final List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** Total number of scalar parameters. */
  public final long numParameters() {
    long n = 0;
    for (Parameter p : namedParameters().values()) {
      n += p.numel();
    }
    return n;
  }

  /** Zeroes every parameter's gradient in place. */
  public final void zeroGrad() {
    for (Parameter p : namedParameters().values()) {
      p.zeroGrad();
    }
  }

  /** Frees every parameter (and gradient) of the tree. */
  public final void release() {
    for (Parameter p : namedParameters().values()) {
      p.release();
    }
  }
}
