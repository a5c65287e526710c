package dev.mainspring.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Where tensors live and kernels run. A backend owns memory (allocate / release / transfers) and
 * provides one implementation object per kernel family: each op declares an interface for its
 * kernels (e.g. {@code MatMul.Kernels}) and every backend registers an implementation of it. Custom
 * ops use the same mechanism, so a researcher's op is a first-class citizen of autodiff.
 */
public interface Backend extends AutoCloseable {
  /** Short name used in logs and errors: "cpu", "cuda". */
  String name();

  /** Uninitialised memory for {@code numel} elements; released by the owning {@link Scope}. */
  Storage allocate(DType dtype, long numel);

  boolean supports(DType dtype);

  /** Copies {@code count} elements from host memory (heap or native, same dtype) into storage. */
  void upload(MemorySegment host, Storage dst, long dstOffset, long count);

  /** Copies {@code count} elements from storage into host memory (heap or native, same dtype). */
  void download(Storage src, long srcOffset, MemorySegment host, long count);

  /** Element copy between two storages of this backend with the same dtype. */
  void copy(Storage src, long srcOffset, Storage dst, long dstOffset, long count);

  /** Sets {@code count} elements starting at {@code offset} to {@code value}. */
  void fill(Storage dst, long offset, long count, double value);

  /**
   * The implementation of one kernel family, e.g. {@code backend.kernels(MatMul.Kernels.class)}.
   * Throws {@link UnsupportedOperationException} naming the family and this backend when absent.
   */
  <K> K kernels(Class<K> family);

  /** Registers (or replaces) the implementation of a kernel family on this backend. */
  <K> void register(Class<K> family, K implementation);

  /** Waits for queued work (a no-op on the CPU). */
  void synchronize();

  /** Bytes currently handed out to live storages, and bytes held in total (incl. caches). */
  MemoryStats memoryStats();

  @Override
  void close();

  record MemoryStats(long bytesInUse, long bytesReserved, long peakBytesInUse, long systemAllocations) {}
}
