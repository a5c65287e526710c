package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Index;
import dev.mainspring.tensor.ops.OneHot;

/** CPU {@link OneHot}: zero fill, then one write per valid index. */
final class OneHotCpu implements OneHot.Kernels {
  @Override
  public void forward(Tensor idx, int k, Tensor out) {
    int[] ix = idx.toIntArray();
    for (int i = 0; i < ix.length; i++) {
      if (ix[i] < -1 || ix[i] >= k) {
        throw Index.outOfRange("oneHot", i, ix[i], k, "classes; −1 marks padding");
      }
    }
    out.backend().fill(out.storage(), out.offset(), out.numel(), 0.0);
    CpuBuf o = CpuBuf.of(out);
    for (int i = 0; i < ix.length; i++) {
      if (ix[i] >= 0) {
        o.set((long) i * k + ix[i], 1.0);
      }
    }
  }
}
