package dev.mainspring.nn;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A trainable tensor: allocated outside every {@link Scope} (it lives across steps until
 * {@link #release()}), wanting a gradient, with a local name ("weight", "bias"); its full name
 * ("encoder.0.weight") comes from the module tree ({@link Module#namedParameters()}). F32, except
 * for modules built inside {@link #inDType} (F64 models for finite-difference gradient checks).
 */
public final class Parameter {
  private static final ThreadLocal<DType> DTYPE = ThreadLocal.withInitial(() -> DType.F32);

  /** Restores the previous parameter dtype on close. */
  public interface DTypeRegion extends AutoCloseable {
    @Override
    void close();
  }

  private final String name;
  private final Tensor value;

  /**
   * Parameters created on this thread until the handle closes get {@code dtype} (F32 or F64): lets
   * a whole module tree be built in F64 for gradient checks without threading a dtype through every
   * constructor.
   */
  public static DTypeRegion inDType(DType dtype) {
    if (!dtype.isFloating()) {
      throw new IllegalArgumentException("parameters must be floating point, got " + dtype);
    }
    DType before = DTYPE.get();
    DTYPE.set(dtype);
    return () -> DTYPE.set(before);
  }

  private Parameter(String name, Tensor value) {
    this.name = name;
    this.value = value;
  }

  /** A parameter of {@code shape} on the current backend, filled by {@code init}. */
  public static Parameter create(String name, Init init, UniformRandomProvider rng, int... shape) {
    return create(Backends.current(), name, init, rng, shape);
  }

  public static Parameter create(Backend backend, String name, Init init, UniformRandomProvider rng,
      int... shape) {
    double[] values = init.values(shape, rng);
    if (values.length != Shape.numel(shape)) {
      throw new IllegalStateException("initialiser gave " + values.length + " values for "
          + name + " of shape " + Shape.str(shape));
    }
    Tensor t;
    try (Scope s = Scope.detached()) {
      t = Tensor.of(backend, DTYPE.get(), values, shape);
    }
    t.requiresGrad(true).named(name);
    return new Parameter(name, t);
  }

  /** The local name given at creation. */
  public String name() {
    return name;
  }

  /** The tensor to use in forward passes (a leaf that requires grad). */
  public Tensor value() {
    return value;
  }

  /** The accumulated gradient, or null before the first backward pass. */
  public Tensor grad() {
    return value.grad();
  }

  public int[] shape() {
    return value.shape();
  }

  public long numel() {
    return value.numel();
  }

  /** Sets the gradient to zero in place (keeping its memory, so steps allocate nothing). */
  public void zeroGrad() {
    Tensor g = value.grad();
    if (g != null) {
      g.backend().fill(g.storage(), g.offset(), g.numel(), 0.0);
    }
  }

  /** Frees the value and gradient; the parameter is unusable afterwards. */
  public void release() {
    value.release();
  }

  @Override
  public String toString() {
    return "Parameter(" + name + " " + Shape.str(value.shape()) + ")";
  }
}
