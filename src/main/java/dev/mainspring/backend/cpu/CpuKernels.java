package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.Reduce;
import dev.mainspring.tensor.ops.SoftHistogram;
import dev.mainspring.tensor.ops.WindowedMismatch;

/** The CPU implementation of every built-in kernel family, registered in one place. */
final class CpuKernels {
  private CpuKernels() {}

  static void registerAll(CpuBackend b) {
    b.register(Arith.Kernels.class, new ArithCpu());
    b.register(Elementwise.Kernels.class, new ElementwiseCpu());
    b.register(Reduce.Kernels.class, new ReduceCpu());
    b.register(MatMul.Kernels.class, new MatMulCpu());
    b.register(DifferentiableSfs.Kernels.class, new DifferentiableSfsCpu());
    b.register(AffineCoupling.Kernels.class, new AffineCouplingCpu());
    b.register(WindowedMismatch.Kernels.class, new WindowedMismatchCpu());
    b.register(HammingCopyingBaseline.Kernels.class, new HammingCopyingBaselineCpu());
    b.register(SoftHistogram.Kernels.class, new SoftHistogramCpu());
  }
}
