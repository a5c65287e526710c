package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.ops.Arith;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * F32 fast paths of {@link ArithCpu} on contiguous runs of native floats: the Vector API version
 * when the incubator module is present, plain loops otherwise. One float operation per element
 * gives exactly what the double-precision reference gives after rounding to float (a double holds
 * the exact sum, difference, product of two floats, and rounds a quotient only once more before
 * the final rounding — innocuous for add, sub, mul and div), so both match the reference bit for bit.
 * Offsets and lengths count floats.
 */
final class FloatArith {
  /** The operations; implementations must not keep state. */
  interface Impl {
    /** o[oi+k] = a[ai+k] op b[bi+k] for k &lt; len. */
    void run(Arith.Kind kind, MemorySegment a, long ai, MemorySegment b, long bi, MemorySegment o,
        long oi, long len);

    /** o[oi+k] = a[ai+k] op y for k &lt; len (the right operand a scalar). */
    void runScalarRight(Arith.Kind kind, MemorySegment a, long ai, float y, MemorySegment o, long oi,
        long len);

    /** o[oi+k] = x op b[bi+k] for k &lt; len (the left operand a scalar). */
    void runScalarLeft(Arith.Kind kind, float x, MemorySegment b, long bi, MemorySegment o, long oi,
        long len);
  }

  static final Impl IMPL = choose();

  private FloatArith() {}

  private static Impl choose() {
    if (VectorSupport.available()) {
      try {
        // By name, so the class (and jdk.incubator.vector) is only loaded when the module exists.
        return (Impl) Class.forName("dev.mainspring.backend.cpu.FloatArithVector")
            .getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        return new Scalar();
      }
    }
    return new Scalar();
  }

  static float op(Arith.Kind kind, float x, float y) {
    return switch (kind) {
      case ADD -> x + y;
      case SUB -> x - y;
      case MUL -> x * y;
      case DIV -> x / y;
    };
  }

  static float get(MemorySegment s, long i) {
    return s.getAtIndex(ValueLayout.JAVA_FLOAT, i);
  }

  static void set(MemorySegment s, long i, float v) {
    s.setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
  }

  /** The portable version (also the tail of the vector one). */
  static final class Scalar implements Impl {
    @Override
    public void run(Arith.Kind kind, MemorySegment a, long ai, MemorySegment b, long bi,
        MemorySegment o, long oi, long len) {
      for (long k = 0; k < len; k++) {
        set(o, oi + k, op(kind, get(a, ai + k), get(b, bi + k)));
      }
    }

    @Override
    public void runScalarRight(Arith.Kind kind, MemorySegment a, long ai, float y, MemorySegment o,
        long oi, long len) {
      for (long k = 0; k < len; k++) {
        set(o, oi + k, op(kind, get(a, ai + k), y));
      }
    }

    @Override
    public void runScalarLeft(Arith.Kind kind, float x, MemorySegment b, long bi, MemorySegment o,
        long oi, long len) {
      for (long k = 0; k < len; k++) {
        set(o, oi + k, op(kind, x, get(b, bi + k)));
      }
    }
  }
}
