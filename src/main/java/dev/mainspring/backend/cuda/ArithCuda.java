package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;

import dev.mainspring.tensor.Shape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link Arith} on the device ({@code cuda/arith.cu}). */
final class ArithCuda implements Arith.Kernels {
  /** Rows per chunk of the deterministic leading-axes sum. */
  private static final long CHUNK_ROWS = 256;

  private final Launcher l;

  ArithCuda(Launcher l) {
    this.l = l;
  }

  @Override
  public void binary(Arith.Kind kind, Tensor a, Tensor b, Tensor out) {
    Launcher.requireF32("arith", a, b, out);
    long n = out.numel();
    if (a.numel() == n && b.numel() == n) {
      l.elementwise("arith", "ms_arith_same", n,
          l.args().ptr(ptr(a)).ptr(ptr(b)).ptr(ptr(out)).i32(kind.ordinal()).i64(n));
      return;
    }
    int[] os = out.shape();
    Strided s = Strided.of(os, Shape.broadcastStrides(a.shape(), os), Shape.broadcastStrides(b.shape(), os));
    KernelArgs args = l.args().ptr(ptr(a)).ptr(ptr(b)).ptr(ptr(out)).i32(kind.ordinal()).i64(n);
    s.shape(args);
    s.strides(args, 0);
    s.strides(args, 1);
    l.elementwise("arith", "ms_arith_binary", n, args);
  }

  @Override
  public void addInPlace(Tensor dst, Tensor src) {
    Launcher.requireF32("addInPlace", dst, src);
    long n = dst.numel();
    l.elementwise("arith", "ms_add_inplace", n, l.args().ptr(ptr(dst)).ptr(ptr(src)).i64(n));
  }

  @Override
  public void affine(Tensor x, double scale, double shift, Tensor out) {
    Launcher.requireF32("affine", x, out);
    long n = x.numel();
    KernelArgs a = l.args().ptr(ptr(x)).ptr(ptr(out));
    Launcher.f64(Launcher.f64(a, scale), shift).i64(n);
    l.elementwise("arith", "ms_affine", n, a);
  }

  @Override
  public void sumTo(Tensor src, Tensor dst) {
    Launcher.requireF32("sumTo", src, dst);
    int[] ss = src.shape();
    long cols = dst.numel();
    if (cols == 0) {
      return;
    }
    if (isSuffix(dst.shape(), ss)) {
      sumRows(src, dst, src.numel() / cols, cols);
      return;
    }
    long[] ds = Shape.broadcastStrides(dst.shape(), ss);
    long[] srcStrides = Shape.strides(ss);
    List<Integer> kept = new ArrayList<>();
    List<Integer> red = new ArrayList<>();
    for (int d = 0; d < ss.length; d++) {
      (ds[d] == 0 && ss[d] > 1 ? red : kept).add(d);
    }
    Strided k = axes(ss, srcStrides, kept);
    Strided r = axes(ss, srcStrides, red);
    long redN = 1;
    for (int d : red) {
      redN *= ss[d];
    }
    KernelArgs a = l.args().ptr(ptr(src)).ptr(ptr(dst)).i64(cols).i64(redN);
    k.shape(a);
    k.strides(a, 0);
    r.shape(a);
    r.strides(a, 0);
    l.elementwise("arith", "ms_sum_to", cols, a);
  }

  private static Strided axes(int[] shape, long[] strides, List<Integer> which) {
    int[] s = new int[which.size()];
    long[] st = new long[which.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = shape[which.get(i)];
      st[i] = strides[which.get(i)];
    }
    return Strided.of(s, st);
  }

  /** dst[j] = Σ_r src[r, j]: chunked partial sums in double, chunks combined in order. */
  void sumRows(Tensor src, Tensor dst, long rows, long cols) {
    long chunks = Math.max(1, (rows + CHUNK_ROWS - 1) / CHUNK_ROWS);
    DeviceBlock partial = l.backend().scratch(chunks * cols * Double.BYTES);
    try {
      int block = (int) Math.min(256, Math.max(32, (cols + 31) / 32 * 32));
      l.launch("arith", "ms_sum_rows_partial", (int) chunks, block, 0,
          l.args().ptr(ptr(src)).ptr(partial.pointer()).i64(rows).i64(cols).i64(CHUNK_ROWS));
      l.elementwise("arith", "ms_sum_rows_combine", cols,
          l.args().ptr(partial.pointer()).ptr(ptr(dst)).i64(chunks).i64(cols));
    } finally {
      l.backend().release(partial);
    }
  }

  /** True when {@code small}, without its leading 1s, equals the trailing axes of {@code big}. */
  static boolean isSuffix(int[] small, int[] big) {
    int from = 0;
    while (from < small.length && small[from] == 1) {
      from++;
    }
    int len = small.length - from;
    return len <= big.length
        && Arrays.equals(small, from, small.length, big, big.length - len, big.length);
  }
}
