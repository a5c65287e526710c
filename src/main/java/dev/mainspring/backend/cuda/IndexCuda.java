package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Index;
import dev.mainspring.tensor.ops.OneHot;
import dev.mainspring.tensor.ops.Permute;
import dev.mainspring.tensor.ops.Slice;
import java.lang.foreign.MemorySegment;

/**
 * Index, slice, permute and one-hot on the device ({@code cuda/index.cu}). Copies move 32-bit words
 * (F32 and I32 alike).
 *
 * <p>Scatter-add is deterministic by default, as on the CPU: the indices are read back (one
 * synchronisation), sorted stably by target on the host, and each output element adds its sources in
 * increasing order. {@code -Dmainspring.cuda.scatter=atomic} uses atomic adds instead: no
 * synchronisation, but the order of additions (and so the last bits) varies from run to run.
 */
final class IndexCuda implements Index.Kernels, Slice.Kernels, Permute.Kernels, OneHot.Kernels {
  static final boolean ATOMIC_SCATTER = "atomic".equals(System.getProperty("mainspring.cuda.scatter"));

  private final Launcher l;
  private final boolean atomicScatter;

  IndexCuda(Launcher l, boolean atomicScatter) {
    this.l = l;
    this.atomicScatter = atomicScatter;
  }

  private static void require32(String op, Tensor... ts) {
    for (Tensor t : ts) {
      if (t.dtype().bytes() != 4) {
        throw new UnsupportedOperationException(op + " on the cuda backend copies F32 or I32, got " + t);
      }
    }
  }

  @Override
  public void select(Tensor x, Tensor idx, int n, long row, Tensor out) {
    require32("indexSelect", x, out);
    long count = idx.numel();
    l.elementwise("index", "ms_index_select", count * row, l.args().ptr(ptr(x)).ptr(ptr(idx)).ptr(ptr(out))
        .ptr(l.backend().errorWord()).i32(n).i64(count).i64(row));
  }

  @Override
  public void scatterAdd(Tensor src, Tensor idx, int n, long row, Tensor out) {
    Launcher.requireF32("scatterAdd", src, out);
    long count = idx.numel();
    if (atomicScatter) {
      l.backend().fill(out.storage(), out.offset(), out.numel(), 0.0);
      l.elementwise("index", "ms_scatter_add_atomic", count * row, l.args().ptr(ptr(src)).ptr(ptr(idx))
          .ptr(ptr(out)).ptr(l.backend().errorWord()).i32(n).i64(count).i64(row));
      return;
    }
    int[] ix = idx.toIntArray();
    int[] start = new int[n + 1];
    for (int i = 0; i < ix.length; i++) {
      if (ix[i] < 0 || ix[i] >= n) {
        throw Index.outOfRange("scatterAdd", i, ix[i], n, n + " target rows");
      }
      start[ix[i] + 1]++;
    }
    for (int t = 0; t < n; t++) {
      start[t + 1] += start[t];
    }
    int[] order = new int[ix.length];
    int[] fill = java.util.Arrays.copyOf(start, n);
    for (int i = 0; i < ix.length; i++) {
      order[fill[ix[i]]++] = i;
    }
    DeviceBlock dOrder = l.backend().scratch(4L * order.length);
    DeviceBlock dStart = l.backend().scratch(4L * start.length);
    try {
      if (order.length > 0) {
        l.backend().uploadRaw(dOrder.pointer(), MemorySegment.ofArray(order));
      }
      l.backend().uploadRaw(dStart.pointer(), MemorySegment.ofArray(start));
      l.elementwise("index", "ms_scatter_add_sorted", n * row, l.args().ptr(ptr(src)).ptr(dOrder.pointer())
          .ptr(dStart.pointer()).ptr(ptr(out)).i32(n).i64(row));
    } finally {
      l.backend().release(dOrder);
      l.backend().release(dStart);
    }
  }

  @Override
  public void gather(Tensor x, Tensor idx, long rows, int k, int cols, Tensor out) {
    require32("gather", x, out);
    l.elementwise("index", "ms_gather", rows * cols, l.args().ptr(ptr(x)).ptr(ptr(idx)).ptr(ptr(out))
        .ptr(l.backend().errorWord()).i64(rows).i32(k).i32(cols));
  }

  @Override
  public void gatherBackward(Tensor g, Tensor idx, long rows, int k, int cols, Tensor gx) {
    Launcher.requireF32("gather", g, gx);
    l.elementwise("index", "ms_gather_backward", rows, l.args().ptr(ptr(g)).ptr(ptr(idx)).ptr(ptr(gx))
        .ptr(l.backend().errorWord()).i64(rows).i32(k).i32(cols));
  }

  @Override
  public void copy(Tensor src, int srcLen, int srcStart, int srcStep, Tensor dst, int dstLen, int dstStart,
      int dstStep, long outer, int count, long inner) {
    require32("slice", src, dst);
    l.elementwise("index", "ms_slice_copy", outer * count * inner, l.args().ptr(ptr(src)).ptr(ptr(dst))
        .i64(srcLen).i64(srcStart).i64(srcStep).i64(dstLen).i64(dstStart).i64(dstStep).i64(outer).i64(count)
        .i64(inner));
  }

  @Override
  public void permute(Tensor x, int[] perm, Tensor out) {
    require32("permute", x, out);
    int[] xs = x.shape();
    long[] st = Shape.strides(xs);
    int[] os = new int[perm.length];
    long[] in = new long[perm.length];
    for (int d = 0; d < perm.length; d++) {
      os[d] = xs[perm[d]];
      in[d] = st[perm[d]];
    }
    Strided s = Strided.of(os, in);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(out)).i64(n);
    s.shape(a);
    l.elementwise("index", "ms_strided_copy", n, s.strides(a, 0));
  }

  @Override
  public void forward(Tensor idx, int k, Tensor out) {
    Launcher.requireF32("oneHot", out);
    if (idx.dtype() != DType.I32) {
      throw new IllegalArgumentException("oneHot: indices must be I32, got " + idx);
    }
    long count = idx.numel();
    l.elementwise("index", "ms_one_hot", count * k, l.args().ptr(ptr(idx)).ptr(ptr(out))
        .ptr(l.backend().errorWord()).i64(count).i32(k));
  }
}
