package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.ops.Slice;
import dev.mainspring.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU strided slab copy for {@link Slice} and {@code Concat}: raw bytes, any dtype. Unit steps copy
 * each outer block in one go; otherwise one slab of {@code inner} elements at a time.
 */
final class SliceCpu implements Slice.Kernels {
  private static final long GRAIN = 1 << 14;

  @Override
  public void copy(Tensor src, int srcLen, int srcStart, int srcStep, Tensor dst, int dstLen,
      int dstStart, int dstStep, long outer, int count, long inner) {
    MemorySegment s = CpuBuf.of(src).seg();
    MemorySegment d = CpuBuf.of(dst).seg();
    long eb = src.dtype().bytes();
    if (srcStep == 1 && dstStep == 1) {
      long block = count * inner;
      Parallel.range(outer, Math.max(1, GRAIN / Math.max(1, block)), (o0, o1) -> {
        for (long o = o0; o < o1; o++) {
          MemorySegment.copy(s, ((o * srcLen + srcStart) * inner) * eb, d,
              ((o * dstLen + dstStart) * inner) * eb, block * eb);
        }
      });
      return;
    }
    long slabs = outer * count;
    Parallel.range(slabs, Math.max(1, GRAIN / Math.max(1, inner)), (q0, q1) -> {
      for (long q = q0; q < q1; q++) {
        long o = q / count;
        long j = q % count;
        long from = (o * srcLen + srcStart + j * srcStep) * inner;
        long to = (o * dstLen + dstStart + j * dstStep) * inner;
        if (inner == 1) {
          if (eb == 8) {
            d.setAtIndex(ValueLayout.JAVA_LONG, to, s.getAtIndex(ValueLayout.JAVA_LONG, from));
          } else {
            d.setAtIndex(ValueLayout.JAVA_INT, to, s.getAtIndex(ValueLayout.JAVA_INT, from));
          }
        } else {
          MemorySegment.copy(s, from * eb, d, to * eb, inner * eb);
        }
      }
    });
  }
}
