package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.ElementwiseMath;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * CPU reference for {@link Elementwise}: the scalar math of {@link ElementwiseMath}, in parallel.
 * F32 GELU, the model's most frequent transcendental (every FFN and MLP hidden layer), has a fast
 * path: GELU_tanh(x) = x·σ(2u) with u = √(2/π)(x + 0.044715x³), the exps done in bulk by
 * {@link FloatMath} (vectorised), agreeing with the reference to float rounding.
 */
final class ElementwiseCpu implements Elementwise.Kernels {
  private static final long GRAIN = 1 << 13;
  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2.0 / Math.PI);
  private static final float GELU_C = 0.044715f;
  /** |2u| beyond this saturates σ in float; clamping keeps exp finite. */
  private static final float CLAMP = 40f;

  @Override
  public void forward(Elementwise.Fn fn, Tensor x, Tensor out) {
    if (fn == Elementwise.Fn.GELU && x.dtype() == DType.F32) {
      geluF32(CpuBuf.of(x).seg(), null, CpuBuf.of(out).seg(), x.numel());
      return;
    }
    CpuBuf in = CpuBuf.of(x);
    CpuBuf o = CpuBuf.of(out);
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        o.set(i, ElementwiseMath.apply(fn, in.get(i)));
      }
    });
  }

  @Override
  public void backward(Elementwise.Fn fn, Tensor x, Tensor out, Tensor g, Tensor gx) {
    if (fn == Elementwise.Fn.GELU && x.dtype() == DType.F32) {
      geluF32(CpuBuf.of(x).seg(), CpuBuf.of(g).seg(), CpuBuf.of(gx).seg(), x.numel());
      return;
    }
    CpuBuf in = CpuBuf.of(x);
    CpuBuf y = CpuBuf.of(out);
    CpuBuf gb = CpuBuf.of(g);
    CpuBuf o = CpuBuf.of(gx);
    Parallel.range(x.numel(), GRAIN, (s, e) -> {
      for (long i = s; i < e; i++) {
        o.set(i, gb.get(i) * ElementwiseMath.derivative(fn, in.get(i), y.get(i)));
      }
    });
  }

  /**
   * GELU (g == null: out = x·σ(2u)) or its input gradient (out = g·(σ + 2x·σ(1 − σ)·du/dx)), with
   * σ = σ(2u) = e/(e + 1), e = exp(2u), per chunk on heap rows.
   */
  private static void geluF32(MemorySegment xs, MemorySegment gs, MemorySegment os, long n) {
    Parallel.range(n, GRAIN, (s, e) -> {
      int len = (int) (e - s);
      float[] x = new float[len];
      float[] a = new float[len];
      MemorySegment.copy(xs, ValueLayout.JAVA_FLOAT, s * 4, x, 0, len);
      for (int i = 0; i < len; i++) {
        float v = x[i];
        float u2 = 2 * SQRT_2_OVER_PI * (v + GELU_C * v * v * v);
        a[i] = Math.max(-CLAMP, Math.min(CLAMP, u2));
      }
      FloatMath.IMPL.expShifted(a, len, 0f);
      if (gs == null) {
        for (int i = 0; i < len; i++) {
          a[i] = x[i] * (a[i] / (a[i] + 1));
        }
      } else {
        float[] g = new float[len];
        MemorySegment.copy(gs, ValueLayout.JAVA_FLOAT, s * 4, g, 0, len);
        for (int i = 0; i < len; i++) {
          float v = x[i];
          float sg = a[i] / (a[i] + 1);
          float du = SQRT_2_OVER_PI * (1 + 3 * GELU_C * v * v);
          a[i] = g[i] * (sg + 2 * v * sg * (1 - sg) * du);
        }
      }
      MemorySegment.copy(a, 0, os, ValueLayout.JAVA_FLOAT, s * 4, len);
    });
  }
}
