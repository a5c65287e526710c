package dev.mainspring.backend.cuda;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Storage;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CUDA backend: storages on the caching {@link DeviceAllocator}, transfers through pinned staging,
 * every kernel queued on the device's one stream (ours, cuBLAS's and cuDNN's), so work runs in issue
 * order and the host waits only where it reads a value (downloads, {@link #synchronize()}).
 *
 * <p>Device kernels run in F32 and copy I32; F64 stays on the CPU backend, where gradient checks run.
 * Index kernels never read outside their input: an out-of-range index is recorded on the device and
 * thrown (the same {@code Index.outOfRange} error as on the CPU) at the next download or synchronisation.
 */
public final class CudaBackend implements Backend {
  private static volatile CudaBackend shared;

  private final DeviceRuntime runtime;
  private final DeviceAllocator allocator;
  private final Launcher launcher;
  private final ConcurrentHashMap<Class<?>, Object> kernels = new ConcurrentHashMap<>();
  private final DeviceBlock errors;
  private final MemorySegment errorHost = MemorySegment.ofArray(new int[4]);
  private CudnnHandle cudnn;
  private volatile boolean errorsMayBeSet;
  private final java.util.concurrent.atomic.AtomicLong hostReads = new java.util.concurrent.atomic.AtomicLong();
  // A CUDA context is current per thread: each thread that issues work binds it once.
  private final ThreadLocal<Boolean> bound = ThreadLocal.withInitial(() -> false);
  private boolean closed;

  CudaBackend(DeviceRuntime runtime) {
    this.runtime = runtime;
    this.allocator = new DeviceAllocator(runtime.memory());
    this.launcher = new Launcher(this, runtime);
    this.errors = allocator.allocate(16);
    runtime.memset32(errors.pointer(), 0, 4);
    CudaKernels.registerAll(this);
  }

  /** Opens device {@code ordinal} as a backend of its own (tests; the process normally uses {@link #shared()}). */
  public static CudaBackend open(int ordinal) {
    String why = unavailableReason();
    if (why != null) {
      throw new IllegalStateException("the cuda backend cannot run here: " + why);
    }
    return new CudaBackend(new DriverRuntime(CudaDevice.open(ordinal)));
  }

  /** The process-wide backend on device 0, opened on first use. */
  public static CudaBackend shared() {
    CudaBackend b = shared;
    if (b == null) {
      synchronized (CudaBackend.class) {
        if (shared == null) {
          shared = open(0);
        }
        b = shared;
      }
    }
    return b;
  }

  /** Why this backend cannot run here (no driver, no device, no packed kernels); null when it can. */
  public static String unavailableReason() {
    CudaStatus status = CudaProbe.status();
    if (!status.usable()) {
      return status.unavailableReason();
    }
    if (KernelImages.names().isEmpty()) {
      return "this jar has no CUDA kernels (it was built without nvcc)";
    }
    return null;
  }

  /** One line for the log: the device this backend runs on. */
  public static String describeDevice() {
    CudaStatus status = CudaProbe.status();
    return status.usable() && !status.devices().isEmpty()
        ? status.devices().get(0).describe() + ", " + status.summary()
        : status.summary();
  }

  /** The GPU; throws when this backend runs on a host emulation (tests). */
  public CudaDevice device() {
    CudaDevice d = runtime.device();
    if (d == null) {
      throw new UnsupportedOperationException("this cuda backend runs on a host emulation, not a GPU");
    }
    return d;
  }

  /** True when this backend runs on a real GPU (cuDNN and CUDA events available). */
  public boolean onGpu() {
    return runtime.device() != null;
  }

  /** Makes this backend's context current on the calling thread (once per thread). */
  void bindThread() {
    if (!bound.get()) {
      runtime.bindThread();
      bound.set(true);
    }
  }

  public Launcher launcher() {
    return launcher;
  }

  DeviceAllocator allocator() {
    return allocator;
  }

  /** The strided-batched GEMM on this backend's stream (cuBLAS on a GPU). */
  DeviceBlas blas() {
    bindThread();
    return runtime.blas();
  }

  /** The cuDNN handle on this backend's stream, created on first use. */
  public synchronized CudnnHandle cudnn() {
    bindThread();
    if (cudnn == null) {
      cudnn = new CudnnHandle(device());
    }
    return cudnn;
  }

  /** Scratch device memory for a kernel family (the caller releases it; reuse is stream-ordered). */
  public DeviceBlock scratch(long bytes) {
    return allocator.allocate(Math.max(1, bytes));
  }

  public void release(DeviceBlock block) {
    allocator.release(block);
  }

  /** Queues a copy of host bytes to a device address (scratch tables built on the host). */
  void uploadRaw(long devicePointer, MemorySegment host) {
    runtime.upload(devicePointer, host);
  }

  /** Copies device bytes into host memory after all queued work (a value being read). */
  void downloadRaw(MemorySegment host, long devicePointer) {
    bindThread();
    hostReads.incrementAndGet();
    runtime.download(host, devicePointer);
  }

  /** A kernel argument: the device word where index kernels report the first bad index. */
  public long errorWord() {
    errorsMayBeSet = true;
    return errors.pointer();
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public Storage allocate(DType dtype, long numel) {
    if (!supports(dtype)) {
      throw new UnsupportedOperationException("the cuda backend holds F32 and I32 tensors, not " + dtype
          + " (F64 is for gradient checks on the cpu backend)");
    }
    long bytes = Math.max(1, numel) * dtype.bytes();
    return new CudaStorage(this, allocator.allocate(bytes), dtype, numel);
  }

  @Override
  public boolean supports(DType dtype) {
    return dtype == DType.F32 || dtype == DType.I32;
  }

  private static long address(Storage s, long offset) {
    if (!(s instanceof CudaStorage cs)) {
      throw new IllegalArgumentException("storage " + s + " is not on the cuda backend");
    }
    return cs.pointer() + offset * s.dtype().bytes();
  }

  @Override
  public void upload(MemorySegment host, Storage dst, long dstOffset, long count) {
    bindThread();
    if (count == 0) {
      return;
    }
    runtime.upload(address(dst, dstOffset), host.asSlice(0, count * dst.dtype().bytes()));
  }

  @Override
  public void download(Storage src, long srcOffset, MemorySegment host, long count) {
    bindThread();
    if (count > 0) {
      hostReads.incrementAndGet();
      runtime.download(host.asSlice(0, count * src.dtype().bytes()), address(src, srcOffset));
    }
    throwDeviceErrors();
  }

  @Override
  public void copy(Storage src, long srcOffset, Storage dst, long dstOffset, long count) {
    bindThread();
    if (src.dtype() != dst.dtype()) {
      throw new IllegalArgumentException("copy between " + src.dtype() + " and " + dst.dtype());
    }
    if (count == 0) {
      return;
    }
    runtime.copy(address(dst, dstOffset), address(src, srcOffset), count * src.dtype().bytes());
  }

  @Override
  public void fill(Storage dst, long offset, long count, double value) {
    bindThread();
    if (count == 0) {
      return;
    }
    long p = address(dst, offset);
    if (dst.dtype() == DType.F32) {
      KernelArgs a = launcher.args().ptr(p).f32((float) value).i64(count);
      launcher.elementwise("fill", "ms_fill_f32", count, a);
    } else {
      runtime.memset32(p, (int) value, count);
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K> K kernels(Class<K> family) {
    Object k = kernels.get(family);
    if (k == null) {
      throw new UnsupportedOperationException("the cuda backend has no kernels for "
          + family.getName() + " (register them with backend.register)");
    }
    return (K) k;
  }

  @Override
  public <K> void register(Class<K> family, K implementation) {
    kernels.put(family, family.cast(implementation));
  }

  @Override
  public void synchronize() {
    bindThread();
    runtime.synchronize();
    throwDeviceErrors();
  }

  /** Reads the device's error record (only when an index kernel ran since the last look) and throws it. */
  private void throwDeviceErrors() {
    if (!errorsMayBeSet) {
      return;
    }
    errorsMayBeSet = false;
    runtime.download(errorHost, errors.pointer());
    int code = errorHost.getAtIndex(ValueLayout.JAVA_INT, 0);
    if (code == 0) {
      return;
    }
    runtime.memset32(errors.pointer(), 0, 4);
    int position = errorHost.getAtIndex(ValueLayout.JAVA_INT, 1);
    int value = errorHost.getAtIndex(ValueLayout.JAVA_INT, 2);
    int bound = errorHost.getAtIndex(ValueLayout.JAVA_INT, 3);
    throw IndexErrors.exception(code, position, value, bound);
  }

  @Override
  public MemoryStats memoryStats() {
    AllocatorStats s = allocator.stats();
    return new MemoryStats(s.bytesInUse(), s.bytesInUse() + s.bytesCached(), s.peakBytesInUse(),
        s.driverAllocations());
  }

  /**
   * Reads of device memory by the host so far (tensor downloads and scratch values; each waits for
   * the queued work): what a training step's synchronisation count is measured with.
   */
  public long hostReads() {
    return hostReads.get();
  }

  /** The allocator's own counters (cache hits, driver frees, ...). */
  public AllocatorStats allocatorStats() {
    return allocator.stats();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (shared == this) {
      shared = null;
    }
    try {
      runtime.synchronize();
      if (cudnn != null) {
        cudnn.close();
      }
      allocator.release(errors);
      allocator.close();
    } finally {
      runtime.close();
    }
  }
}
