package dev.mainspring.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The blocked GEMM against a naive double-precision GEMM, on both micro-kernels, over shapes that
 * exercise every edge: sizes that are not multiples of the tiles, k across several KC slabs, the
 * split-k path, transposes, batches with stride 0, alpha and beta, and C full of NaN with beta = 0.
 */
class GemmTest {
  /** One case: sizes, layout, scalars. */
  record Case(int batch, int m, int n, int k, boolean ta, boolean tb, boolean sharedA,
      boolean sharedB, float alpha, float beta) {
    @Override
    public String toString() {
      return "batch=" + batch + " m=" + m + " n=" + n + " k=" + k + " ta=" + ta + " tb=" + tb
          + (sharedA ? " sharedA" : "") + (sharedB ? " sharedB" : "") + " alpha=" + alpha
          + " beta=" + beta;
    }
  }

  private static List<Case> cases() {
    List<Case> cs = new ArrayList<>();
    int[][] shapes = {
      {1, 1, 1}, {1, 7, 3}, {5, 1, 9}, {7, 13, 5}, {6, 64, 8}, {12, 32, 33}, {13, 29, 31},
      {37, 65, 17}, {64, 64, 64}, {97, 131, 67}, {50, 96, 50}, {3, 200, 1030}, {71, 33, 520},
      {8, 20, 4100}, {20, 60, 4200}, {130, 128, 32}, {300, 17, 40}, {1, 300, 64}, {400, 600, 70}
    };
    boolean[] tf = {false, true};
    for (int[] s : shapes) {
      for (boolean ta : tf) {
        for (boolean tb : tf) {
          cs.add(new Case(1, s[0], s[1], s[2], ta, tb, false, false, 1f, 0f));
        }
      }
      cs.add(new Case(1, s[0], s[1], s[2], false, false, false, false, -0.75f, 0.5f));
    }
    cs.add(new Case(3, 17, 48, 23, false, false, false, false, 1f, 0f));
    cs.add(new Case(5, 50, 50, 16, true, false, false, false, 1f, 1f));
    cs.add(new Case(9, 11, 16, 50, false, true, false, false, 0.5f, -1f));
    cs.add(new Case(4, 31, 64, 40, false, false, false, true, 1f, 0f)); // tall stack, shared B
    cs.add(new Case(4, 31, 64, 40, true, false, false, true, 1f, 0.25f)); // shared B, transposed A
    cs.add(new Case(3, 12, 70, 30, false, true, true, false, 2f, 0f)); // shared A
    cs.add(new Case(16, 40, 40, 40, false, false, false, false, 1f, 0f)); // many batch entries
    cs.add(new Case(2, 150, 140, 130, true, true, false, false, 1f, 0.5f));
    return cs;
  }

  @Test
  void scalarKernelMatchesNaiveDoubleGemm() {
    for (Case c : cases()) {
      check(Gemm.Path.SCALAR, c, 11);
    }
  }

  @Test
  void vectorKernelMatchesNaiveDoubleGemm() {
    assumeTrue(VectorSupport.available(), "Vector API not present: " + VectorSupport.describe());
    for (Case c : cases()) {
      check(Gemm.Path.VECTOR, c, 11);
    }
  }

  @Test
  void bothKernelsAndAllThreadCountsGiveIdenticalBits() {
    assumeTrue(VectorSupport.available(), "Vector API not present: " + VectorSupport.describe());
    for (Case c : cases()) {
      Operands o = new Operands(c, 23);
      float[] vector = o.run(Gemm.Path.VECTOR);
      float[] scalar = o.run(Gemm.Path.SCALAR);
      float[] oneThread;
      try (Parallel.Limit l = Parallel.limit(1)) {
        oneThread = o.run(Gemm.Path.VECTOR);
      }
      assertArrayEquals(vector, scalar, c.toString());
      assertArrayEquals(vector, oneThread, c.toString());
    }
  }

  @Test
  void betaZeroNeverReadsC() {
    Case c = new Case(2, 19, 70, 33, false, false, false, false, 1f, 0f);
    for (Gemm.Path path : paths()) {
      Operands o = new Operands(c, 5);
      o.out.fill((byte) 0xff); // NaN everywhere
      float[] got = o.run(path);
      for (float v : got) {
        assertTrue(Float.isFinite(v), path + ": NaN leaked from C into the result");
      }
    }
  }

  @Test
  void zeroKScalesC() {
    for (Gemm.Path path : paths()) {
      Case c = new Case(1, 3, 4, 0, false, false, false, false, 1f, 0.5f);
      Operands o = new Operands(c, 3);
      float[] before = o.c0.toArray(ValueLayout.JAVA_FLOAT);
      float[] got = o.run(path);
      for (int i = 0; i < got.length; i++) {
        assertEquals(0.5f * before[i], got[i], 0f);
      }
    }
  }

  @Test
  void operandTooSmallIsRejected() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment a = arena.allocate(4L * 6);
      MemorySegment b = arena.allocate(4L * 6);
      MemorySegment c = arena.allocate(4L * 3);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Gemm.sgemm(false, false, 1, 2, 2, 3, 1f, a, 0, b, 0, 0f, c, 0));
      assertTrue(e.getMessage().contains("operand C"), e.getMessage());
    }
  }

  private static List<Gemm.Path> paths() {
    return VectorSupport.available() ? List.of(Gemm.Path.SCALAR, Gemm.Path.VECTOR)
        : List.of(Gemm.Path.SCALAR);
  }

  private static void check(Gemm.Path path, Case c, long seed) {
    Operands o = new Operands(c, seed);
    double[][] want = o.reference();
    float[] got = o.run(path);
    for (int bi = 0; bi < c.batch; bi++) {
      for (int i = 0; i < c.m * c.n; i++) {
        double bound = want[1][bi * c.m * c.n + i];
        double w = want[0][bi * c.m * c.n + i];
        float g = got[bi * c.m * c.n + i];
        if (!(Math.abs(g - w) <= bound)) {
          fail(path + " " + c + ": entry " + bi + "/" + (i / c.n) + "," + (i % c.n) + " is " + g
              + ", want " + w + " (±" + bound + ")");
        }
      }
    }
  }

  /** Random operands for a case, in native memory laid out as MatMul lays them out. */
  private static final class Operands {
    final Case cs;
    final MemorySegment a;
    final MemorySegment b;
    final MemorySegment c0;
    final MemorySegment out;
    final long strideA;
    final long strideB;
    final long strideC;

    Operands(Case cs, long seed) {
      this.cs = cs;
      SplittableRandom rnd = new SplittableRandom(seed);
      strideA = cs.sharedA ? 0 : (long) cs.m * cs.k;
      strideB = cs.sharedB ? 0 : (long) cs.k * cs.n;
      strideC = (long) cs.m * cs.n;
      Arena arena = Arena.ofAuto();
      a = random(arena, (cs.sharedA ? 1 : cs.batch) * (long) cs.m * cs.k, rnd);
      b = random(arena, (cs.sharedB ? 1 : cs.batch) * (long) cs.k * cs.n, rnd);
      c0 = random(arena, cs.batch * strideC, rnd);
      out = arena.allocate(Math.max(4, c0.byteSize()), 64);
    }

    private static MemorySegment random(Arena arena, long n, SplittableRandom rnd) {
      MemorySegment s = arena.allocate(Math.max(4, 4 * n), 64);
      for (long i = 0; i < n; i++) {
        s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextDouble(-1, 1));
      }
      return s;
    }

    float[] run(Gemm.Path path) {
      if (cs.beta != 0f || cs.k == 0) {
        MemorySegment.copy(c0, 0, out, 0, c0.byteSize());
      }
      Gemm.sgemm(path, cs.ta, cs.tb, cs.batch, cs.m, cs.n, cs.k, cs.alpha, a, strideA, b, strideB, cs.beta,
          out, strideC);
      return out.asSlice(0, 4L * cs.batch * strideC).toArray(ValueLayout.JAVA_FLOAT);
    }

    /** [0]: the exact result in double; [1]: a rounding-error bound for float accumulation. */
    double[][] reference() {
      double[] out = new double[(int) (cs.batch * strideC)];
      double[] bound = new double[out.length];
      double u = 0x1p-24;
      for (int bi = 0; bi < cs.batch; bi++) {
        for (int i = 0; i < cs.m; i++) {
          for (int j = 0; j < cs.n; j++) {
            double s = 0;
            double abs = 0;
            for (int p = 0; p < cs.k; p++) {
              double x = get(a, bi * strideA + (cs.ta ? (long) p * cs.m + i : (long) i * cs.k + p));
              double y = get(b, bi * strideB + (cs.tb ? (long) j * cs.k + p : (long) p * cs.n + j));
              s += x * y;
              abs += Math.abs(x * y);
            }
            int at = (int) (bi * strideC) + i * cs.n + j;
            double prev = cs.beta == 0f ? 0 : cs.beta * get(c0, at);
            out[at] = cs.alpha * s + prev;
            // γ_{k+2} on |alpha|·Σ|ab| + |beta·C| (slab sums add a few roundings; 2× covers them).
            bound[at] = 2 * (cs.k + 3) * u * (Math.abs(cs.alpha) * abs + Math.abs(prev)) + 1e-30;
          }
        }
      }
      return new double[][] {out, bound};
    }

    private static double get(MemorySegment s, long i) {
      return s.getAtIndex(ValueLayout.JAVA_FLOAT, i);
    }
  }
}
