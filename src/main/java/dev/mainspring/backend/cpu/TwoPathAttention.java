package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * What {@link SampleAttentionCpu} and {@link BandAttentionCpu} share: the choice between the F32
 * fast path (inner loops in {@link AttentionRows}) and the double-precision reference path, and the
 * views of a call's tensors each path reads through.
 */
abstract class TwoPathAttention {
  final AttentionRows rows; // null: the reference path for every dtype

  TwoPathAttention(AttentionRows rows) {
    this.rows = rows;
  }

  /** Whether the fast path runs: it is available and every given tensor (nulls aside) is F32. */
  final boolean fast(Tensor... ts) {
    if (rows == null) {
      return false;
    }
    for (Tensor t : ts) {
      if (t != null && t.dtype() != DType.F32) {
        return false;
      }
    }
    return true;
  }

  /** A site is valid when there is no mask or its mask entry is non-zero. */
  static boolean valid(CpuBuf mask, long site) {
    return mask == null || mask.get(site) != 0.0;
  }

  /** The reference path's views of one call: mask may be null, and the gradients are null in a forward. */
  record Views(CpuBuf q, CpuBuf k, CpuBuf v, CpuBuf mask, CpuBuf out, CpuBuf lse, CpuBuf gOut, CpuBuf gq,
      CpuBuf gk, CpuBuf gv) {
    static Views forward(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor out, Tensor lse) {
      return backward(q, k, v, mask, out, lse, null, null, null, null);
    }

    static Views backward(Tensor q, Tensor k, Tensor v, Tensor mask, Tensor out, Tensor lse, Tensor gOut,
        Tensor gq, Tensor gk, Tensor gv) {
      return new Views(CpuBuf.of(q), CpuBuf.of(k), CpuBuf.of(v), CpuBuf.ofNullable(mask), CpuBuf.of(out),
          CpuBuf.of(lse), CpuBuf.ofNullable(gOut), CpuBuf.ofNullable(gq), CpuBuf.ofNullable(gk),
          CpuBuf.ofNullable(gv));
    }
  }

  /** The fast path's raw F32 memory of one call (the mask is read separately); gradients null in a forward. */
  record Segments(MemorySegment q, MemorySegment k, MemorySegment v, MemorySegment out, MemorySegment lse,
      MemorySegment gOut, MemorySegment gq, MemorySegment gk, MemorySegment gv) {
    static Segments forward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse) {
      return backward(q, k, v, out, lse, null, null, null, null);
    }

    static Segments backward(Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor gOut, Tensor gq,
        Tensor gk, Tensor gv) {
      return new Segments(seg(q), seg(k), seg(v), seg(out), seg(lse), seg(gOut), seg(gq), seg(gk), seg(gv));
    }

    private static MemorySegment seg(Tensor t) {
      return t == null ? null : CpuBuf.of(t).seg();
    }
  }
}
