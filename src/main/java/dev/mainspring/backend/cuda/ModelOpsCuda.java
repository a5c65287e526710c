package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.backend.cuda.Launcher.ptrOrNull;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.DifferentiableSfs;
import dev.mainspring.tensor.ops.HammingCopyingBaseline;
import dev.mainspring.tensor.ops.SoftHistogram;
import dev.mainspring.tensor.ops.WindowedMismatch;

/**
 * The model's fused ops on the device: differentiable SFS ({@code cuda/sfs.cu}), affine coupling
 * ({@code cuda/flow.cu}), windowed mismatch, soft histogram and the copying baseline's targets
 * ({@code cuda/features.cu}). Every sum
 * over sites or entries has a fixed order, so results are the same run to run.
 */
final class ModelOpsCuda implements DifferentiableSfs.Kernels, AffineCoupling.Kernels, WindowedMismatch.Kernels,
    SoftHistogram.Kernels, HammingCopyingBaseline.Kernels {
  private final Launcher l;

  ModelOpsCuda(Launcher l) {
    this.l = l;
  }

  @Override
  public void forward(Tensor parents, Tensor times, Tensor span, Tensor mu, int n, Tensor desc, Tensor sfs) {
    Launcher.requireF32("sfs", times, span, mu, sfs);
    int batch = times.dim(0);
    int sites = times.dim(2);
    int nodes = 2 * n - 1;
    long total = (long) batch * sites;
    DeviceBlock work = l.backend().scratch(total * 2 * nodes * Integer.BYTES);
    DeviceBlock contrib = l.backend().scratch(total * (n - 1) * Double.BYTES);
    try {
      l.elementwise("sfs", "ms_sfs_sites", total, l.args().ptr(ptr(parents)).ptr(ptr(times)).ptr(ptr(span))
          .ptr(ptr(mu)).ptr(ptr(desc)).ptr(work.pointer()).ptr(contrib.pointer()).ptr(l.backend().errorWord())
          .i32(batch).i32(sites).i32(n));
      if (sites == 0) {
        l.backend().fill(sfs.storage(), sfs.offset(), sfs.numel(), 0.0);
      } else {
        l.elementwise("sfs", "ms_sfs_combine", (long) batch * (n - 1), l.args().ptr(contrib.pointer())
            .ptr(ptr(sfs)).i32(batch).i32(sites).i32(n));
      }
    } finally {
      l.backend().release(work);
      l.backend().release(contrib);
    }
  }

  @Override
  public void backward(Tensor parents, Tensor desc, Tensor span, Tensor mu, Tensor g, int n, Tensor gTimes) {
    Launcher.requireF32("sfs", span, mu, g, gTimes);
    int batch = gTimes.dim(0);
    int sites = gTimes.dim(2);
    long total = (long) batch * sites;
    DeviceBlock acc = l.backend().scratch(total * (2L * n - 1) * Double.BYTES);
    try {
      l.elementwise("sfs", "ms_sfs_backward", total, l.args().ptr(ptr(parents)).ptr(ptr(desc)).ptr(ptr(span))
          .ptr(ptr(mu)).ptr(ptr(g)).ptr(ptr(gTimes)).ptr(acc.pointer()).i32(batch).i32(sites).i32(n));
    } finally {
      l.backend().release(acc);
    }
  }

  @Override
  public void forward(AffineCoupling.Direction dir, Tensor in, Tensor shift, Tensor raw, int rows, int cols,
      Tensor out, Tensor logdet) {
    Launcher.requireF32("affineCoupling", in, shift, raw, out, logdet);
    l.elementwise("flow", "ms_coupling_forward", rows, l.args().ptr(ptr(in)).ptr(ptr(shift)).ptr(ptr(raw))
        .ptr(ptr(out)).ptr(ptr(logdet)).i32(dir == AffineCoupling.Direction.FORWARD ? 1 : 0).i64(rows).i64(cols));
  }

  @Override
  public void backward(AffineCoupling.Direction dir, Tensor in, Tensor shift, Tensor raw, Tensor out, Tensor gOut,
      Tensor gLogdet, int rows, int cols, Tensor gIn, Tensor gShift, Tensor gRaw) {
    Launcher.requireF32("affineCoupling", in, raw, out, gOut, gLogdet, gIn, gShift, gRaw);
    l.elementwise("flow", "ms_coupling_backward", (long) rows * cols, l.args().ptr(ptr(in)).ptr(ptr(raw))
        .ptr(ptr(out)).ptr(ptrOrNull(gOut)).ptr(ptrOrNull(gLogdet)).ptr(ptrOrNull(gIn)).ptr(ptrOrNull(gShift))
        .ptr(ptrOrNull(gRaw)).i32(dir == AffineCoupling.Direction.FORWARD ? 1 : 0).i64(rows).i64(cols));
  }

  @Override
  public void forward(Tensor d, Tensor mask, int window, Tensor out) {
    Launcher.requireF32("windowedMismatch", d, mask, out);
    int batch = d.dim(0);
    int n = d.dim(1);
    int sites = d.dim(2);
    l.elementwise("features", "ms_windowed_mismatch", (long) batch * sites * n * n, l.args().ptr(ptr(d))
        .ptr(ptrOrNull(mask)).ptr(ptr(out)).i32(batch).i32(n).i32(sites).i32(window));
  }

  @Override
  public void forward(Tensor x, Tensor mask, int batch, int per, double first, double step, int bins,
      double sigma, Tensor out, Tensor mass) {
    Launcher.requireF32("softHistogram", x, mask, out, mass);
    if (batch == 0) {
      return;
    }
    DeviceBlock sums = l.backend().scratch((long) batch * (bins + 1) * Double.BYTES);
    try {
      KernelArgs a = l.args().ptr(ptr(x)).ptr(ptrOrNull(mask)).ptr(sums.pointer()).i32(batch).i64(per);
      Launcher.f64(Launcher.f64(a, first), step).i32(bins);
      Launcher.f64(a, 1.0 / (2.0 * sigma * sigma));
      l.launch("features", "ms_soft_histogram_sums", batch * (bins + 1), 256, 0, a);
      l.elementwise("features", "ms_soft_histogram_finish", (long) batch * bins, l.args().ptr(sums.pointer())
          .ptr(ptr(out)).ptr(ptr(mass)).i32(batch).i32(bins));
    } finally {
      l.backend().release(sums);
    }
  }

  @Override
  public void backward(Tensor x, Tensor mask, Tensor mass, Tensor g, int batch, int per, double first,
      double step, int bins, double sigma, Tensor gx) {
    Launcher.requireF32("softHistogram", x, mask, mass, g, gx);
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptrOrNull(mask)).ptr(ptr(mass)).ptr(ptr(g)).ptr(ptr(gx)).i32(batch)
        .i64(per);
    Launcher.f64(Launcher.f64(a, first), step).i32(bins);
    Launcher.f64(Launcher.f64(a, 1.0 / (2.0 * sigma * sigma)), 1.0 / (sigma * sigma));
    l.elementwise("features", "ms_soft_histogram_backward", (long) batch * per, a);
  }

  @Override
  public void targets(Tensor d, Tensor mask, int window, Tensor out) {
    Launcher.requireF32("hammingCopyingBaseline", d, mask);
    int batch = d.dim(0);
    int n = d.dim(1);
    int sites = d.dim(2);
    long threads = (long) batch * n;
    DeviceBlock work = l.backend().scratch(threads * 7 * (sites + 1L) * Integer.BYTES);
    try {
      l.elementwise("features", "ms_hamming_targets", threads, l.args().ptr(ptr(d)).ptr(ptrOrNull(mask))
          .ptr(ptr(out)).ptr(work.pointer()).i32(batch).i32(n).i32(sites).i32(window));
    } finally {
      l.backend().release(work);
    }
  }
}
