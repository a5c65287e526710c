package dev.mainspring.backend.cuda;

import java.lang.foreign.MemorySegment;

/**
 * What {@link CudaBackend} needs from a device: memory, ordered transfers and kernel launches on one
 * stream. {@link DriverRuntime} is the GPU through the CUDA driver; tests can supply a host
 * emulation that runs the same kernel sources compiled for the CPU.
 */
interface DeviceRuntime extends AutoCloseable {
  /** Where the caching allocator gets its blocks. */
  DeviceMemory memory();

  /** Makes the device usable from the calling thread. */
  void bindThread();

  /** Queues a copy of host bytes to a device address. */
  void upload(long destination, MemorySegment source);

  /** Copies device bytes into host memory after all queued work; waits for it. */
  void download(MemorySegment destination, long source);

  void copy(long destination, long source, long bytes);

  void memset32(long destination, int value, long count);

  void launch(String module, String name, int grid, int block, int sharedBytes, KernelArgs args);

  int gridFor(long n, int blockThreads);

  void synchronize();

  /** The strided-batched GEMM (cuBLAS on a GPU, a host reference with cuBLAS's semantics in tests). */
  DeviceBlas blas();

  /** The CUDA device, or null when this runtime is not a real GPU (no cuDNN or events). */
  CudaDevice device();

  @Override
  void close();
}
