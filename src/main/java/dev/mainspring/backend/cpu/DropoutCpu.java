package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Philox;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Dropout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** CPU {@link Dropout}: one Philox block per four elements, chunks aligned to blocks, in parallel. */
final class DropoutCpu implements Dropout.Kernels {
  private static final long GRAIN = 1 << 14;

  @Override
  public void apply(Tensor in, double p, long seed, long offset, Tensor out) {
    long n = in.numel();
    long blocks = (n + 3) / 4;
    double scale = 1.0 / (1.0 - p);
    if (in.dtype() == DType.F32) {
      MemorySegment x = CpuBuf.of(in).seg();
      MemorySegment o = CpuBuf.of(out).seg();
      float fs = (float) scale;
      Parallel.range(blocks, GRAIN / 4, (b0, b1) -> {
        int[] w = new int[4];
        for (long b = b0; b < b1; b++) {
          Philox.block(seed, offset, b, w);
          long end = Math.min(n, b * 4 + 4);
          for (long i = b * 4; i < end; i++) {
            float v = Dropout.keep(Philox.toUniform(w[(int) (i & 3)]), p)
                ? x.getAtIndex(ValueLayout.JAVA_FLOAT, i) * fs : 0f;
            o.setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
          }
        }
      });
      return;
    }
    CpuBuf x = CpuBuf.of(in);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range(blocks, GRAIN / 4, (b0, b1) -> {
      int[] w = new int[4];
      for (long b = b0; b < b1; b++) {
        Philox.block(seed, offset, b, w);
        long end = Math.min(n, b * 4 + 4);
        for (long i = b * 4; i < end; i++) {
          o.set(i, Dropout.keep(Philox.toUniform(w[(int) (i & 3)]), p) ? x.get(i) * scale : 0.0);
        }
      }
    });
  }
}
