package dev.mainspring.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Bulk moves between F32 tensor memory and heap arrays, for kernels that work on heap tiles. */
final class FloatRows {
  private FloatRows() {}

  /** dst[0..count) = the floats of {@code src} starting at element {@code offset}. */
  static void load(MemorySegment src, long offset, float[] dst, int count) {
    MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, offset * Float.BYTES, dst, 0, count);
  }

  /** dst[dstIndex..dstIndex+count) = the floats of {@code src} starting at element {@code offset}. */
  static void load(MemorySegment src, long offset, float[] dst, int dstIndex, int count) {
    MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, offset * Float.BYTES, dst, dstIndex, count);
  }

  /** The first {@code count} floats of {@code src} into {@code dst} from element {@code offset}. */
  static void store(float[] src, MemorySegment dst, long offset, int count) {
    MemorySegment.copy(src, 0, dst, ValueLayout.JAVA_FLOAT, offset * Float.BYTES, count);
  }

  /** src[srcIndex..srcIndex+count) into {@code dst} from element {@code offset}. */
  static void store(float[] src, int srcIndex, MemorySegment dst, long offset, int count) {
    MemorySegment.copy(src, srcIndex, dst, ValueLayout.JAVA_FLOAT, offset * Float.BYTES, count);
  }

  /** dst[c][i] = src[i·cols + c]: a row-major [rows][cols] tile stored one column per row. */
  static void transpose(float[] src, int rows, int cols, float[][] dst) {
    for (int i = 0; i < rows; i++) {
      int from = i * cols;
      for (int c = 0; c < cols; c++) {
        dst[c][i] = src[from + c];
      }
    }
  }

  /** dst[i·cols + c] = src[c][i]: the inverse of {@link #transpose}. */
  static void untranspose(float[][] src, int rows, int cols, float[] dst) {
    for (int c = 0; c < cols; c++) {
      float[] col = src[c];
      for (int i = 0; i < rows; i++) {
        dst[i * cols + c] = col[i];
      }
    }
  }

  static void zero(float[][] rows) {
    for (float[] r : rows) {
      java.util.Arrays.fill(r, 0f);
    }
  }
}
