package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.ops.Arith;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatArith} with the Vector API: full vectors, then the scalar tail (no masks: a masked
 * access near the end of a segment takes a slow per-lane path). Loaded by name only when
 * {@link VectorSupport#available()}.
 */
final class FloatArithVector implements FloatArith.Impl {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final ByteOrder NATIVE = ByteOrder.nativeOrder();
  private static final FloatArith.Scalar TAIL = new FloatArith.Scalar();

  private static FloatVector load(MemorySegment s, long i) {
    return FloatVector.fromMemorySegment(S, s, i * Float.BYTES, NATIVE);
  }

  private static FloatVector apply(Arith.Kind kind, FloatVector x, FloatVector y) {
    return switch (kind) {
      case ADD -> x.add(y);
      case SUB -> x.sub(y);
      case MUL -> x.mul(y);
      case DIV -> x.div(y);
    };
  }

  @Override
  public void run(Arith.Kind kind, MemorySegment a, long ai, MemorySegment b, long bi,
      MemorySegment o, long oi, long len) {
    long k = 0;
    for (; k + L <= len; k += L) {
      apply(kind, load(a, ai + k), load(b, bi + k)).intoMemorySegment(o, (oi + k) * Float.BYTES, NATIVE);
    }
    TAIL.run(kind, a, ai + k, b, bi + k, o, oi + k, len - k);
  }

  @Override
  public void runScalarRight(Arith.Kind kind, MemorySegment a, long ai, float y, MemorySegment o,
      long oi, long len) {
    FloatVector yv = FloatVector.broadcast(S, y);
    long k = 0;
    for (; k + L <= len; k += L) {
      apply(kind, load(a, ai + k), yv).intoMemorySegment(o, (oi + k) * Float.BYTES, NATIVE);
    }
    TAIL.runScalarRight(kind, a, ai + k, y, o, oi + k, len - k);
  }

  @Override
  public void runScalarLeft(Arith.Kind kind, float x, MemorySegment b, long bi, MemorySegment o,
      long oi, long len) {
    FloatVector xv = FloatVector.broadcast(S, x);
    long k = 0;
    for (; k + L <= len; k += L) {
      apply(kind, xv, load(b, bi + k)).intoMemorySegment(o, (oi + k) * Float.BYTES, NATIVE);
    }
    TAIL.runScalarLeft(kind, x, b, bi + k, o, oi + k, len - k);
  }
}
