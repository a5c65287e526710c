package dev.mainspring.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An n-dimensional, row-major, contiguous array of F32, F64 or I32 in a backend's storage, plus the
 * bookkeeping autodiff needs. Views (reshape, leading-axis ranges) share storage and never own it.
 */
public final class Tensor {
  private final int[] shape;
  private final DType dtype;
  private final Storage storage;
  private final long offset;
  private final long numel;

  private boolean requiresGrad;
  private Tensor grad;
  private Op creator;
  private String name;

  Tensor(Storage storage, long offset, DType dtype, int[] shape) {
    this.storage = storage;
    this.offset = offset;
    this.dtype = dtype;
    this.shape = shape.clone();
    this.numel = Shape.numel(shape);
    if (offset + numel > storage.capacity()) {
      throw new IllegalArgumentException("view " + Shape.str(shape) + " at offset " + offset
          + " exceeds storage of " + storage.capacity() + " elements");
    }
  }

  // ---- factories ----------------------------------------------------------------------------

  /** Uninitialised tensor on {@code backend}, owned by the innermost open {@link Scope}. */
  public static Tensor empty(Backend backend, DType dtype, int... shape) {
    Storage st = backend.allocate(dtype, Math.max(1, Shape.numel(shape)));
    Scope.adopt(st);
    return new Tensor(st, 0, dtype, shape);
  }

  public static Tensor empty(DType dtype, int... shape) {
    return empty(Backends.current(), dtype, shape);
  }

  public static Tensor zeros(Backend backend, DType dtype, int... shape) {
    return full(backend, dtype, 0.0, shape);
  }

  public static Tensor zeros(DType dtype, int... shape) {
    return zeros(Backends.current(), dtype, shape);
  }

  public static Tensor full(Backend backend, DType dtype, double value, int... shape) {
    Tensor t = empty(backend, dtype, shape);
    backend.fill(t.storage, 0, t.numel, value);
    return t;
  }

  /** An empty tensor with the same backend, dtype and shape as {@code like}. */
  public static Tensor emptyLike(Tensor like) {
    return empty(like.backend(), like.dtype, like.shape);
  }

  public static Tensor zerosLike(Tensor like) {
    return zeros(like.backend(), like.dtype, like.shape);
  }

  public static Tensor of(Backend backend, float[] data, int... shape) {
    return upload(backend, DType.F32, MemorySegment.ofArray(data), data.length, shape);
  }

  public static Tensor of(Backend backend, double[] data, int... shape) {
    return upload(backend, DType.F64, MemorySegment.ofArray(data), data.length, shape);
  }

  public static Tensor of(Backend backend, int[] data, int... shape) {
    return upload(backend, DType.I32, MemorySegment.ofArray(data), data.length, shape);
  }

  public static Tensor of(float[] data, int... shape) {
    return of(Backends.current(), data, shape);
  }

  public static Tensor of(double[] data, int... shape) {
    return of(Backends.current(), data, shape);
  }

  public static Tensor of(int[] data, int... shape) {
    return of(Backends.current(), data, shape);
  }

  /** A tensor of {@code dtype} holding {@code values} (converted), e.g. F64 copies for grad checks. */
  public static Tensor of(Backend backend, DType dtype, double[] values, int... shape) {
    return switch (dtype) {
      case F64 -> of(backend, values, shape);
      case F32 -> {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
          f[i] = (float) values[i];
        }
        yield of(backend, f, shape);
      }
      case I32 -> {
        int[] v = new int[values.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = (int) values[i];
        }
        yield of(backend, v, shape);
      }
    };
  }

  public static Tensor scalar(Backend backend, DType dtype, double value) {
    return full(backend, dtype, value);
  }

  private static Tensor upload(Backend backend, DType dtype, MemorySegment host, long count, int[] shape) {
    if (Shape.numel(shape) != count) {
      throw new IllegalArgumentException("data of length " + count + " does not fill shape "
          + Shape.str(shape));
    }
    Tensor t = empty(backend, dtype, shape);
    backend.upload(host, t.storage, 0, count);
    return t;
  }

  // ---- accessors ----------------------------------------------------------------------------

  public int[] shape() {
    return shape.clone();
  }

  public int dim(int axis) {
    return shape[Shape.axis(axis, shape.length)];
  }

  public int rank() {
    return shape.length;
  }

  public long numel() {
    return numel;
  }

  public DType dtype() {
    return dtype;
  }

  public Storage storage() {
    return storage;
  }

  /** Element offset of this view into its storage. */
  public long offset() {
    return offset;
  }

  public Backend backend() {
    return storage.backend();
  }

  public String name() {
    return name;
  }

  public Tensor named(String name) {
    this.name = name;
    return this;
  }

  public boolean sameShape(Tensor o) {
    return Arrays.equals(shape, o.shape);
  }

  /** Throws a message naming both shapes unless {@code o} has this tensor's shape. */
  public void requireShape(int[] expected, String what) {
    if (!Arrays.equals(shape, expected)) {
      throw new IllegalArgumentException(what + ": expected shape " + Shape.str(expected)
          + " but got " + Shape.str(shape));
    }
  }

  // ---- views --------------------------------------------------------------------------------

  /** Same data, new shape (one dimension may be -1). Shares storage; autodiff-aware. */
  public Tensor reshape(int... newShape) {
    return dev.mainspring.tensor.ops.Reshape.apply(this, newShape);
  }

  /** A raw view with another shape: no autodiff recording. Used by ops. */
  public Tensor view(int... newShape) {
    int[] s = resolveShape(newShape);
    return new Tensor(storage, offset, dtype, s);
  }

  /** A raw view of rows [from, to) along axis 0: no autodiff recording. Used by ops and loaders. */
  public Tensor rows(int from, int to) {
    if (from < 0 || to > shape[0] || from > to) {
      throw new IllegalArgumentException("rows [" + from + ", " + to + ") of " + Shape.str(shape));
    }
    int[] s = shape.clone();
    s[0] = to - from;
    long rowSize = shape[0] == 0 ? 0 : numel / shape[0];
    return new Tensor(storage, offset + from * rowSize, dtype, s);
  }

  int[] resolveShape(int[] newShape) {
    int[] s = newShape.clone();
    int infer = -1;
    long known = 1;
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException("only one -1 allowed in " + Shape.str(newShape));
        }
        infer = i;
      } else {
        known *= s[i];
      }
    }
    if (infer >= 0) {
      if (known == 0 || numel % known != 0) {
        throw new IllegalArgumentException("cannot reshape " + Shape.str(shape) + " to "
            + Shape.str(newShape));
      }
      s[infer] = (int) (numel / known);
    }
    if (Shape.numel(s) != numel) {
      throw new IllegalArgumentException("cannot reshape " + Shape.str(shape) + " (" + numel
          + " elements) to " + Shape.str(newShape));
    }
    return s;
  }

  // ---- host transfers -----------------------------------------------------------------------

  public float[] toFloatArray() {
    float[] out = new float[Math.toIntExact(numel)];
    if (dtype == DType.F32) {
      backend().download(storage, offset, MemorySegment.ofArray(out), numel);
    } else {
      double[] d = toDoubleArray();
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) d[i];
      }
    }
    return out;
  }

  public double[] toDoubleArray() {
    double[] out = new double[Math.toIntExact(numel)];
    switch (dtype) {
      case F64 -> backend().download(storage, offset, MemorySegment.ofArray(out), numel);
      case F32 -> {
        float[] f = new float[out.length];
        backend().download(storage, offset, MemorySegment.ofArray(f), numel);
        for (int i = 0; i < f.length; i++) {
          out[i] = f[i];
        }
      }
      case I32 -> {
        int[] v = toIntArray();
        for (int i = 0; i < v.length; i++) {
          out[i] = v[i];
        }
      }
    }
    return out;
  }

  public int[] toIntArray() {
    if (dtype != DType.I32) {
      throw new IllegalStateException("toIntArray on a " + dtype + " tensor");
    }
    int[] out = new int[Math.toIntExact(numel)];
    backend().download(storage, offset, MemorySegment.ofArray(out), numel);
    return out;
  }

  /** The single value of a one-element tensor (synchronises with the device). */
  public double item() {
    if (numel != 1) {
      throw new IllegalStateException("item() on a tensor of shape " + Shape.str(shape));
    }
    return toDoubleArray()[0];
  }

  /** Copies this tensor's values into {@code dst} (same numel and dtype; shapes may differ). */
  public void copyTo(Tensor dst) {
    if (dst.numel != numel || dst.dtype != dtype) {
      throw new IllegalArgumentException("copy " + dtype + Shape.str(shape) + " into "
          + dst.dtype + Shape.str(dst.shape));
    }
    backend().copy(storage, offset, dst.storage, dst.offset, numel);
  }

  /** A new tensor (owned by the current scope) with the same values; no autodiff. */
  public Tensor copy() {
    Tensor t = emptyLike(this);
    copyTo(t);
    return t;
  }

  /** Releases the storage now. Only for tensors allocated outside any scope (parameters etc.). */
  public void release() {
    storage.release();
    if (grad != null) {
      grad.release();
      grad = null;
    }
  }

  // ---- autodiff -----------------------------------------------------------------------------

  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** Marks a leaf (a parameter or an input under test) as wanting a gradient. */
  public Tensor requiresGrad(boolean on) {
    if (on && !dtype.isFloating()) {
      throw new IllegalArgumentException("integer tensors cannot require gradients");
    }
    this.requiresGrad = on;
    return this;
  }

  /** Accumulated gradient of a leaf after {@link Autograd#backward}; null before. */
  public Tensor grad() {
    return grad;
  }

  void setGrad(Tensor g) {
    this.grad = g;
  }

  /** Drops the gradient of a leaf (releasing its memory). */
  public void clearGrad() {
    if (grad != null) {
      grad.release();
      grad = null;
    }
  }

  Op creator() {
    return creator;
  }

  void setCreator(Op op) {
    this.creator = op;
  }

  /** True for tensors made by a recorded op (interior nodes of the graph). */
  public boolean isLeaf() {
    return creator == null;
  }

  @Override
  public String toString() {
    return "Tensor" + (name == null ? "" : "(" + name + ")") + "[" + dtype + " " + Shape.str(shape)
        + " on " + backend().name() + (requiresGrad ? ", grad" : "") + "]";
  }
}
