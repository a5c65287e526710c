package dev.mainspring.train;

import dev.mainspring.backend.cpu.CpuBuf;
import dev.mainspring.backend.cpu.Parallel;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU AdamW update: one pass over p, g, m, v per parameter. The F32 path computes in float in the
 * order of PyTorch's fp32 single-tensor kernel; other dtypes go through {@link CpuBuf} in double.
 */
final class AdamWCpu implements AdamW.Kernels {
  private static final long GRAIN = 1 << 14;

  @Override
  public void step(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double weightDecay,
      double beta1, double beta2, double eps, double stepSize, double sqrtBc2) {
    long n = p.numel();
    if (g.numel() != n || m.numel() != n || v.numel() != n) {
      throw new IllegalArgumentException("AdamW state does not match " + p);
    }
    CpuBuf pb = CpuBuf.of(p);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf mb = CpuBuf.of(m);
    CpuBuf vb = CpuBuf.of(v);
    if (p.dtype() == DType.F32 && g.dtype() == DType.F32) {
      MemorySegment ps = pb.seg();
      MemorySegment gs = gb.seg();
      MemorySegment ms = mb.seg();
      MemorySegment vs = vb.seg();
      float decay = (float) (1 - lr * weightDecay);
      float b2 = (float) beta2;
      float c1 = (float) (1 - beta1);
      float c2 = (float) (1 - beta2);
      float step = (float) stepSize;
      float bc = (float) sqrtBc2;
      float e = (float) eps;
      Parallel.range(n, GRAIN, (s, end) -> {
        for (long i = s; i < end; i++) {
          float gi = gs.getAtIndex(ValueLayout.JAVA_FLOAT, i);
          float m0 = ms.getAtIndex(ValueLayout.JAVA_FLOAT, i);
          float mi = m0 + c1 * (gi - m0); // torch's exp_avg.lerp_(grad, 1 - beta1)
          float vi = b2 * vs.getAtIndex(ValueLayout.JAVA_FLOAT, i) + c2 * gi * gi;
          float pi = ps.getAtIndex(ValueLayout.JAVA_FLOAT, i) * decay;
          pi -= step * mi / ((float) Math.sqrt(vi) / bc + e);
          ms.setAtIndex(ValueLayout.JAVA_FLOAT, i, mi);
          vs.setAtIndex(ValueLayout.JAVA_FLOAT, i, vi);
          ps.setAtIndex(ValueLayout.JAVA_FLOAT, i, pi);
        }
      });
      return;
    }
    double decay = 1 - lr * weightDecay;
    Parallel.range(n, GRAIN, (s, end) -> {
      for (long i = s; i < end; i++) {
        double gi = gb.get(i);
        double mi = beta1 * mb.get(i) + (1 - beta1) * gi;
        double vi = beta2 * vb.get(i) + (1 - beta2) * gi * gi;
        double pi = pb.get(i) * decay - stepSize * mi / (Math.sqrt(vi) / sqrtBc2 + eps);
        mb.set(i, mi);
        vb.set(i, vi);
        pb.set(i, pi);
      }
    });
  }
}
