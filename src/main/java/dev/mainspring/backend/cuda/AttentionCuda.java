package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.Launcher.ptr;
import static dev.mainspring.backend.cuda.Launcher.ptrOrNull;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.BandAttention;
import dev.mainspring.tensor.ops.SampleAttention;

/**
 * Band attention over sites and attention across samples, flash style ({@code cuda/attention.cu}):
 * one thread per query row with an online softmax forward (for band attention with heads of 16 or 32
 * features, blocks of 64 query sites that stage their band's keys and values in shared memory first); the backward runs a query-side pass (dq,
 * D, distance-bias sums) and a key-side pass (dk, dv), so no gradient needs atomics and results are
 * the same run to run.
 */
final class AttentionCuda implements BandAttention.Kernels, SampleAttention.Kernels {
  /** {@code MS_MAX_DH} in attention.cu: the per-thread accumulators hold one head's features. */
  static final int MAX_HEAD_WIDTH = 128;

  /** {@code -Dmainspring.cuda.attention=simple} turns off the tiled band kernels. */
  static final boolean TILED = !"simple".equals(System.getProperty("mainspring.cuda.attention"));

  /** Query (or key) sites per block of the tiled band kernels: {@code MS_TQ} in attention.cu. */
  private static final int TILE = 64;

  /** Dynamic shared memory a block may use without opting in. */
  private static final int SHARED_LIMIT = 48 * 1024;

  private final Launcher l;
  private final boolean tiled;

  AttentionCuda(Launcher l, boolean tiled) {
    this.l = l;
    this.tiled = tiled;
  }

  /**
   * Shared bytes the tiled band kernel needs ({@code perSite} extra floats per staged site), or −1
   * when it does not apply: a head width without a tiled build, or a band too wide for shared memory.
   */
  private int tiledShared(Tensor q, int heads, int window, int perSite) {
    int dh = q.dim(3) / heads;
    if (!tiled || (dh != 16 && dh != 32)) {
      return -1;
    }
    long rows = Math.min(q.dim(2), TILE + 2L * window);
    long bytes = rows * (2L * dh + perSite) * Float.BYTES;
    return bytes <= SHARED_LIMIT ? (int) bytes : -1;
  }

  private void launchTiled(String kernel, Tensor q, int heads, int shared, KernelArgs args) {
    long tiles = (q.dim(2) + TILE - 1) / TILE;
    long blocks = (long) q.dim(0) * q.dim(1) * heads * tiles;
    int dh = q.dim(3) / heads;
    l.launch("attention", kernel + "_tiled_dh" + dh, l.gridFor(blocks * TILE, TILE), TILE, shared, args);
  }

  private static void checkHeads(String op, Tensor q, int heads) {
    int dh = q.dim(3) / heads;
    if (dh > MAX_HEAD_WIDTH) {
      throw new UnsupportedOperationException(op + " on the cuda backend handles heads up to " + MAX_HEAD_WIDTH
          + " features wide, got " + dh + " (d " + q.dim(3) + ", " + heads + " heads)");
    }
  }

  /** The entry point for this head width: fixed-width builds for 16, 32 and 64, the general one otherwise. */
  private static String entry(String kernel, Tensor q, int heads) {
    int dh = q.dim(3) / heads;
    return kernel + (dh == 16 || dh == 32 || dh == 64 ? "_dh" + dh : "_dh0");
  }

  private KernelArgs dims(KernelArgs a, Tensor q, int heads) {
    return a.i32(q.dim(0)).i32(q.dim(1)).i32(q.dim(2)).i32(q.dim(3)).i32(heads);
  }

  private static long rows(Tensor q, int heads) {
    return (long) q.dim(0) * q.dim(1) * q.dim(2) * heads;
  }

  @Override
  public void forward(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads, int window,
      Tensor out, Tensor lse) {
    Launcher.requireF32("bandAttention", q, k, v, pos, a, mask, out, lse);
    checkHeads("bandAttention", q, heads);
    KernelArgs args = l.args().ptr(ptr(q)).ptr(ptr(k)).ptr(ptr(v)).ptr(ptr(pos)).ptr(ptr(a)).ptr(ptrOrNull(mask))
        .ptr(ptr(out)).ptr(ptr(lse));
    dims(args, q, heads).i32(window);
    int shared = tiledShared(q, heads, window, 2);
    if (shared >= 0) {
      launchTiled("ms_band_attention_forward", q, heads, shared, args);
    } else {
      l.elementwise("attention", entry("ms_band_attention_forward", q, heads), rows(q, heads), args);
    }
  }

  @Override
  public void backward(Tensor q, Tensor k, Tensor v, Tensor pos, Tensor a, Tensor mask, int heads, int window,
      Tensor out, Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv, Tensor ga) {
    Launcher.requireF32("bandAttention", q, k, v, pos, a, mask, out, lse, gOut, gq, gk, gv, ga);
    checkHeads("bandAttention", q, heads);
    long rows = rows(q, heads);
    DeviceBlock dRow = l.backend().scratch(rows * Float.BYTES);
    DeviceBlock bias = l.backend().scratch(rows * Double.BYTES);
    try {
      KernelArgs qa = l.args().ptr(ptr(q)).ptr(ptr(k)).ptr(ptr(v)).ptr(ptr(pos)).ptr(ptr(a)).ptr(ptrOrNull(mask))
          .ptr(ptr(out)).ptr(ptr(lse)).ptr(ptr(gOut)).ptr(ptr(gq)).ptr(dRow.pointer()).ptr(bias.pointer());
      dims(qa, q, heads).i32(window);
      int sharedQ = tiledShared(q, heads, window, 2);
      if (sharedQ >= 0) {
        launchTiled("ms_band_attention_backward_q", q, heads, sharedQ, qa);
      } else {
        l.elementwise("attention", entry("ms_band_attention_backward_q", q, heads), rows, qa);
      }
      KernelArgs kv = l.args().ptr(ptr(q)).ptr(ptr(k)).ptr(ptr(v)).ptr(ptr(pos)).ptr(ptr(a))
          .ptr(ptrOrNull(mask)).ptr(ptr(lse)).ptr(ptr(gOut)).ptr(dRow.pointer()).ptr(ptr(gk)).ptr(ptr(gv));
      dims(kv, q, heads).i32(window);
      int sharedKv = tiledShared(q, heads, window, 4);
      if (sharedKv >= 0) {
        launchTiled("ms_band_attention_backward_kv", q, heads, sharedKv, kv);
      } else {
        l.elementwise("attention", entry("ms_band_attention_backward_kv", q, heads), rows, kv);
      }
      l.launch("attention", "ms_band_attention_bias_grad", heads, 256, 0, l.args().ptr(bias.pointer())
          .ptr(ptr(a)).ptr(ptr(ga)).i32(q.dim(0) * q.dim(1)).i32(q.dim(2)).i32(heads));
    } finally {
      l.backend().release(dRow);
      l.backend().release(bias);
    }
  }

  @Override
  public void forward(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal, Tensor out,
      Tensor lse) {
    Launcher.requireF32("sampleAttention", q, k, v, mask, out, lse);
    checkHeads("sampleAttention", q, heads);
    KernelArgs args = l.args().ptr(ptr(q)).ptr(ptr(k)).ptr(ptr(v)).ptr(ptrOrNull(mask)).ptr(ptr(out))
        .ptr(ptr(lse));
    dims(args, q, heads).i32(causal ? 1 : 0);
    l.elementwise("attention", entry("ms_sample_attention_forward", q, heads), rows(q, heads), args);
  }

  @Override
  public void backward(Tensor q, Tensor k, Tensor v, Tensor mask, int heads, boolean causal, Tensor out,
      Tensor lse, Tensor gOut, Tensor gq, Tensor gk, Tensor gv) {
    Launcher.requireF32("sampleAttention", q, k, v, mask, out, lse, gOut, gq, gk, gv);
    checkHeads("sampleAttention", q, heads);
    long rows = rows(q, heads);
    DeviceBlock dRow = l.backend().scratch(rows * Float.BYTES);
    try {
      KernelArgs qa = l.args().ptr(ptr(q)).ptr(ptr(k)).ptr(ptr(v)).ptr(ptrOrNull(mask)).ptr(ptr(out))
          .ptr(ptr(lse)).ptr(ptr(gOut)).ptr(ptr(gq)).ptr(dRow.pointer());
      dims(qa, q, heads).i32(causal ? 1 : 0);
      l.elementwise("attention", entry("ms_sample_attention_backward_q", q, heads), rows, qa);
      KernelArgs kv = l.args().ptr(ptr(q)).ptr(ptr(k)).ptr(ptr(v)).ptr(ptrOrNull(mask)).ptr(ptr(lse))
          .ptr(ptr(gOut)).ptr(dRow.pointer()).ptr(ptr(gk)).ptr(ptr(gv));
      dims(kv, q, heads).i32(causal ? 1 : 0);
      l.elementwise("attention", entry("ms_sample_attention_backward_kv", q, heads), rows, kv);
    } finally {
      l.backend().release(dRow);
    }
  }
}
