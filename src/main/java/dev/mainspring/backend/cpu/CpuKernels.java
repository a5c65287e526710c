package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.BceWithLogits;
import dev.mainspring.tensor.ops.Clamp;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import dev.mainspring.tensor.ops.Dropout;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.GammaNll;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;
import dev.mainspring.tensor.ops.Index;
import dev.mainspring.tensor.ops.LayerNorm;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.MinMax;
import dev.mainspring.tensor.ops.OneHot;
import dev.mainspring.tensor.ops.Permute;
import dev.mainspring.tensor.ops.Reduce;
import dev.mainspring.tensor.ops.SampleAttention;
import dev.mainspring.tensor.ops.Slice;
import dev.mainspring.tensor.ops.SoftHistogram;
import dev.mainspring.tensor.ops.Softmax;
import dev.mainspring.tensor.ops.ThreadingParents;
import dev.mainspring.tensor.ops.Where;
import dev.mainspring.tensor.ops.WindowedMismatch;

/** The CPU implementation of every built-in kernel family, registered in one place. */
final class CpuKernels {
  private CpuKernels() {}

  static void registerAll(CpuBackend b) {
    b.register(Arith.Kernels.class, new ArithCpu());
    b.register(Elementwise.Kernels.class, new ElementwiseCpu());
    b.register(Reduce.Kernels.class, new ReduceCpu());
    b.register(MatMul.Kernels.class, new MatMulCpu());
    b.register(Softmax.Kernels.class, new SoftmaxCpu());
    b.register(LayerNorm.Kernels.class, new LayerNormCpu());
    b.register(Index.Kernels.class, new IndexCpu());
    b.register(Slice.Kernels.class, new SliceCpu());
    b.register(Permute.Kernels.class, new PermuteCpu());
    b.register(Dropout.Kernels.class, new DropoutCpu());
    b.register(GumbelSoftmax.Kernels.class, new GumbelSoftmaxCpu());
    b.register(GammaNll.Kernels.class, new GammaNllCpu());
    b.register(BceWithLogits.Kernels.class, new BceWithLogitsCpu());
    b.register(Where.Kernels.class, new WhereCpu());
    b.register(Clamp.Kernels.class, new ClampCpu());
    b.register(MinMax.Kernels.class, new MinMaxCpu());
    b.register(OneHot.Kernels.class, new OneHotCpu());
    b.register(SampleAttention.Kernels.class, new SampleAttentionCpu());
    b.register(BandAttention.Kernels.class, new BandAttentionCpu());
    b.register(DifferentiableSfs.Kernels.class, new DifferentiableSfsCpu());
    b.register(AffineCoupling.Kernels.class, new AffineCouplingCpu());
    b.register(WindowedMismatch.Kernels.class, new WindowedMismatchCpu());
    b.register(HammingCopyingBaseline.Kernels.class, new HammingCopyingBaselineCpu());
    b.register(SoftHistogram.Kernels.class, new SoftHistogramCpu());
    b.register(ThreadingParents.Kernels.class, new ThreadingParentsCpu());
  }
}
