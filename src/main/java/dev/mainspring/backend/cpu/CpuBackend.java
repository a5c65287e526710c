package dev.mainspring.backend.cpu;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Storage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CPU backend: off-heap storages from a caching allocator, multi-threaded plain-Java kernels
 * (Vector API where it pays and is present). It also serves as the reference every CUDA kernel is
 * compared against, and runs in F64 for gradient checks.
 */
public final class CpuBackend implements Backend {
  private static final CpuBackend INSTANCE = new CpuBackend();

  private final CpuAllocator allocator = new CpuAllocator();
  private final ConcurrentHashMap<Class<?>, Object> kernels = new ConcurrentHashMap<>();

  private CpuBackend() {
    CpuKernels.registerAll(this);
  }

  public static CpuBackend instance() {
    return INSTANCE;
  }

  CpuAllocator allocator() {
    return allocator;
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public Storage allocate(DType dtype, long numel) {
    long bytes = Math.max(1, numel) * dtype.bytes();
    return new CpuStorage(this, allocator.allocate(bytes), dtype, numel);
  }

  @Override
  public boolean supports(DType dtype) {
    return true;
  }

  /** The native memory of a CPU storage (for kernels in this package and tests). */
  public static MemorySegment segment(Storage s) {
    return ((CpuStorage) s).segment();
  }

  @Override
  public void upload(MemorySegment host, Storage dst, long dstOffset, long count) {
    long b = dst.dtype().bytes();
    MemorySegment.copy(host, 0, segment(dst), dstOffset * b, count * b);
  }

  @Override
  public void download(Storage src, long srcOffset, MemorySegment host, long count) {
    long b = src.dtype().bytes();
    MemorySegment.copy(segment(src), srcOffset * b, host, 0, count * b);
  }

  @Override
  public void copy(Storage src, long srcOffset, Storage dst, long dstOffset, long count) {
    if (src.dtype() != dst.dtype()) {
      throw new IllegalArgumentException("copy between " + src.dtype() + " and " + dst.dtype());
    }
    long b = src.dtype().bytes();
    MemorySegment.copy(segment(src), srcOffset * b, segment(dst), dstOffset * b, count * b);
  }

  @Override
  public void fill(Storage dst, long offset, long count, double value) {
    MemorySegment seg = segment(dst);
    long b = dst.dtype().bytes();
    if (value == 0.0 && Double.doubleToRawLongBits(value) == 0) {
      seg.asSlice(offset * b, count * b).fill((byte) 0);
      return;
    }
    switch (dst.dtype()) {
      case F32 -> {
        float v = (float) value;
        for (long i = 0; i < count; i++) {
          seg.setAtIndex(ValueLayout.JAVA_FLOAT, offset + i, v);
        }
      }
      case F64 -> {
        for (long i = 0; i < count; i++) {
          seg.setAtIndex(ValueLayout.JAVA_DOUBLE, offset + i, value);
        }
      }
      case I32 -> {
        int v = (int) value;
        for (long i = 0; i < count; i++) {
          seg.setAtIndex(ValueLayout.JAVA_INT, offset + i, v);
        }
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K> K kernels(Class<K> family) {
    Object k = kernels.get(family);
    if (k == null) {
      throw new UnsupportedOperationException("the cpu backend has no kernels for "
          + family.getName() + " (register them with backend.register)");
    }
    return (K) k;
  }

  @Override
  public <K> void register(Class<K> family, K implementation) {
    kernels.put(family, family.cast(implementation));
  }

  @Override
  public void synchronize() {}

  @Override
  public MemoryStats memoryStats() {
    return new MemoryStats(allocator.bytesInUse(), allocator.bytesReserved(), allocator.peakInUse(),
        allocator.systemAllocations());
  }

  /** Gives cached free blocks back to the system. */
  public void trim() {
    allocator.trim();
  }

  @Override
  public void close() {
    // The process-wide CPU backend lives as long as the JVM.
  }
}
