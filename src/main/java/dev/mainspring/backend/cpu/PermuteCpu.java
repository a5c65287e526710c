package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Permute;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU {@link Permute}: raw element copies, any dtype. The permutation is first simplified (size-1
 * axes dropped, runs of axes that stay adjacent merged), so [B, n, S, d] → [B, S, n, d] becomes a
 * copy of contiguous d-blocks and [.., S, d] → [.., d, S] a strided 2-D transpose. Parallel over
 * output rows.
 */
final class PermuteCpu implements Permute.Kernels {
  private static final long GRAIN = 1 << 14;

  /** A permutation reduced to its essential axes: output shape and input strides per output axis. */
  record Plan(int[] outShape, long[] inStrides) {
    static Plan of(int[] shape, int[] perm) {
      // Output axes of size > 1, in output order, as input axis numbers.
      List<Integer> axes = new ArrayList<>();
      for (int p : perm) {
        if (shape[p] != 1) {
          axes.add(p);
        }
      }
      // Merge runs that are consecutive in the input too (ignoring size-1 axes between them):
      // each group is (first input axis, last input axis).
      List<int[]> groups = new ArrayList<>();
      for (int a : axes) {
        int[] last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
        if (last != null && a > last[1] && allOnesBetween(shape, last[1], a)) {
          last[1] = a;
        } else {
          groups.add(new int[] {a, a});
        }
      }
      long[] fullStrides = dev.mainspring.tensor.Shape.strides(shape);
      int[] outShape = new int[groups.size()];
      long[] inStrides = new long[groups.size()];
      for (int g = 0; g < groups.size(); g++) {
        int[] grp = groups.get(g);
        long size = 1;
        for (int a = grp[0]; a <= grp[1]; a++) {
          size *= shape[a];
        }
        outShape[g] = Math.toIntExact(size);
        inStrides[g] = fullStrides[grp[1]]; // the group's innermost input axis sets its stride
      }
      return new Plan(outShape, inStrides);
    }

    private static boolean allOnesBetween(int[] shape, int a, int b) {
      for (int i = a + 1; i < b; i++) {
        if (shape[i] != 1) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void permute(Tensor x, int[] perm, Tensor out) {
    MemorySegment src = CpuBuf.of(x).seg();
    MemorySegment dst = CpuBuf.of(out).seg();
    long eb = x.dtype().bytes();
    long n = x.numel();
    if (n == 0) {
      return;
    }
    Plan plan = Plan.of(x.shape(), perm);
    int rank = plan.outShape().length;
    if (rank <= 1) {
      MemorySegment.copy(src, 0, dst, 0, n * eb); // the order of elements does not change
      return;
    }
    int[] os = plan.outShape();
    long[] st = plan.inStrides();
    int last = os[rank - 1];
    long lastStride = st[rank - 1];
    long rows = n / last;
    int[] rowShape = java.util.Arrays.copyOf(os, rank - 1);
    long[] rowStrides = java.util.Arrays.copyOf(st, rank - 1);
    Parallel.range(rows, Math.max(1, GRAIN / last), (r0, r1) -> {
      Broadcast.Walker w = new Broadcast.Walker(rowShape, rowStrides, r0);
      for (long r = r0; r < r1; r++, w.next()) {
        long from = w.offset();
        long to = r * last;
        if (lastStride == 1) {
          MemorySegment.copy(src, from * eb, dst, to * eb, last * eb);
        } else if (eb == 8) {
          for (int j = 0; j < last; j++) {
            dst.setAtIndex(ValueLayout.JAVA_LONG, to + j,
                src.getAtIndex(ValueLayout.JAVA_LONG, from + j * lastStride));
          }
        } else {
          for (int j = 0; j < last; j++) {
            dst.setAtIndex(ValueLayout.JAVA_INT, to + j,
                src.getAtIndex(ValueLayout.JAVA_INT, from + j * lastStride));
          }
        }
      }
    });
  }
}
