package dev.mainspring.backend.cuda;

import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.SampleAttention;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import dev.mainspring.tensor.ops.SoftHistogram;
import dev.mainspring.tensor.ops.WindowedMismatch;
import dev.mainspring.tensor.ops.BceWithLogits;
import dev.mainspring.tensor.ops.Clamp;
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
import dev.mainspring.tensor.ops.Slice;
import dev.mainspring.tensor.ops.Softmax;
import dev.mainspring.tensor.ops.ThreadingParents;
import dev.mainspring.tensor.ops.Where;

/**
 * The CUDA implementation of the built-in kernel families, registered in one place. A family missing
 * here fails with the backend's "no kernels for …" error naming it.
 */
final class CudaKernels {
  private CudaKernels() {}

  static void registerAll(CudaBackend b) {
    Launcher l = b.launcher();
    b.register(Arith.Kernels.class, new ArithCuda(l));
    ElementwiseCuda elementwise = new ElementwiseCuda(l);
    b.register(Elementwise.Kernels.class, elementwise);
    b.register(Clamp.Kernels.class, elementwise);
    b.register(Reduce.Kernels.class, new ReduceCuda(l));
    b.register(MatMul.Kernels.class, new MatMulCuda(b, MatMulCuda.TF32));
    SoftmaxCuda softmax = new SoftmaxCuda(l);
    b.register(Softmax.Kernels.class, softmax);
    b.register(GumbelSoftmax.Kernels.class, softmax);
    installCudnn(b, b.onGpu() ? CudnnPath.configuredMode() : CudnnPath.Mode.OFF);
    b.register(LayerNorm.Kernels.class, new LayerNormCuda(l));
    IndexCuda index = new IndexCuda(l, IndexCuda.ATOMIC_SCATTER);
    b.register(Index.Kernels.class, index);
    b.register(Slice.Kernels.class, index);
    b.register(Permute.Kernels.class, index);
    b.register(OneHot.Kernels.class, index);
    MaskedCuda masked = new MaskedCuda(l);
    b.register(Where.Kernels.class, masked);
    b.register(MinMax.Kernels.class, masked);
    b.register(BceWithLogits.Kernels.class, masked);
    b.register(GammaNll.Kernels.class, masked);
    b.register(Dropout.Kernels.class, masked);
    AttentionCuda attention = new AttentionCuda(l, AttentionCuda.TILED);
    b.register(BandAttention.Kernels.class, attention);
    b.register(SampleAttention.Kernels.class, attention);
    ModelOpsCuda model = new ModelOpsCuda(l);
    b.register(DifferentiableSfs.Kernels.class, model);
    b.register(AffineCoupling.Kernels.class, model);
    b.register(WindowedMismatch.Kernels.class, model);
    b.register(SoftHistogram.Kernels.class, model);
    b.register(HammingCopyingBaseline.Kernels.class, model);
    b.register(ThreadingParents.Kernels.class, new ThreadingCuda(l));
  }

  /**
   * Routes unmasked softmax and the sigmoid/tanh/ReLU activations through {@link CudnnPath} in the
   * given mode (OFF: our kernels only). Returns the path, whose measured choices benchmarks report.
   */
  static CudnnPath installCudnn(CudaBackend b, CudnnPath.Mode mode) {
    Launcher l = b.launcher();
    CudnnPath path = new CudnnPath(b, new SoftmaxCuda(l), new ElementwiseCuda(l), mode);
    b.register(Softmax.Kernels.class, path);
    b.register(Elementwise.Kernels.class, path);
    return path;
  }
}
