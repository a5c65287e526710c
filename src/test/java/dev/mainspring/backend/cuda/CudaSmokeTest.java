package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.KernelArgs.Kind.F32;
import static dev.mainspring.backend.cuda.KernelArgs.Kind.I32;
import static dev.mainspring.backend.cuda.KernelArgs.Kind.I64;
import static dev.mainspring.backend.cuda.KernelArgs.Kind.PTR;
import static dev.mainspring.bindings.cuda.CudaCheck.check;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cuda.CudaDriver;
import dev.mainspring.bindings.cuda.CudaException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first kernels end to end: fatbin from the jar, cuModuleLoadData, cuLaunchKernel, copies back,
 * compared with the CPU on an odd size. Skipped (not passed) without a GPU.
 */
class CudaSmokeTest {
  private static final int N = 1_000_003;
  private static final int BLOCK = 256;

  private static GpuSession gpu;
  private static CudaKernel fill;
  private static CudaKernel axpy;

  private final KernelArgs args = new KernelArgs();

  private static String skip;

  @BeforeAll
  static void openDevice() {
    skip = GpuSession.whyNot();
    if (skip == null && KernelImages.names().isEmpty()) {
      skip = "this jar was built without nvcc: no kernels packed";
    }
    if (skip == null) {
      gpu = GpuSession.open();
      fill = gpu.modules.kernel("fill", "ms_fill_f32", PTR, F32, I64);
      axpy = gpu.modules.kernel("fill", "ms_axpy_f32", PTR, PTR, F32, I64);
    }
  }

  @BeforeEach
  void requireGpu() {
    GpuSession.skipUnless(skip);
  }

  @AfterAll
  static void closeDevice() {
    if (gpu != null) {
      gpu.close();
    }
  }

  @Test
  void fillWritesEveryElement() {
    DeviceBlock y = gpu.allocator.allocate(4L * N);
    // Poison first, so an element the kernel skips cannot pass by accident.
    check(CudaDriver.cuMemsetD32Async(y.pointer(), Float.floatToRawIntBits(Float.NaN), N, gpu.device.stream()),
        "cuMemsetD32Async");
    gpu.modules.launch(fill, gpu.modules.gridFor(N, BLOCK), BLOCK, 0, args.clear().ptr(y.pointer()).f32(2.5f).i64(N));
    assertAllEqual(2.5f, gpu.download(y, N));
    gpu.allocator.release(y);
  }

  @Test
  void axpyMatchesTheCpuOnRandomData() {
    float[] x = GpuSession.uniform(1, N, -10, 10);
    float[] y = GpuSession.uniform(2, N, -10, 10);
    float a = 0.7315f;
    DeviceBlock dx = gpu.upload(x);
    DeviceBlock dy = gpu.upload(y);
    gpu.modules.launch(axpy, gpu.modules.gridFor(N, BLOCK), BLOCK, 0,
        args.clear().ptr(dy.pointer()).ptr(dx.pointer()).f32(a).i64(N));
    float[] out = gpu.download(dy, N);
    int wrong = 0;
    int first = -1;
    for (int i = 0; i < N; i++) {
      // nvcc contracts a*x+y into one fused multiply-add; either rounding is the right answer.
      if (out[i] != Math.fma(a, x[i], y[i]) && out[i] != a * x[i] + y[i]) {
        wrong++;
        first = first < 0 ? i : first;
      }
    }
    int at = first;
    int count = wrong;
    assertEquals(0, count, () -> count + " elements differ from the CPU; first at " + at + ": gpu " + out[at]
        + ", cpu " + Math.fma(a, x[at], y[at]));
    gpu.allocator.release(dx);
    gpu.allocator.release(dy);
  }

  @Test
  void aSmallGridCoversEveryElementThroughTheGridStrideLoop() {
    DeviceBlock y = gpu.allocator.allocate(4L * N);
    check(CudaDriver.cuMemsetD32Async(y.pointer(), 0, N, gpu.device.stream()), "cuMemsetD32Async");
    gpu.modules.launch(fill, 3, 128, 0, args.clear().ptr(y.pointer()).f32(-1.25f).i64(N));
    assertAllEqual(-1.25f, gpu.download(y, N));
    gpu.allocator.release(y);
  }

  @Test
  void aBadLaunchNamesTheKernelAndTheDriversError() {
    DeviceBlock y = gpu.allocator.allocate(4L * N);
    CudaException e = assertThrows(CudaException.class, () ->
        gpu.modules.launch(fill, 1, 4096, 0, args.clear().ptr(y.pointer()).f32(1f).i64(N)));
    // Too many threads per block: the driver refuses the configuration before anything runs.
    assertTrue(Set.of("CUDA_ERROR_INVALID_VALUE", "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES").contains(e.statusName()),
        e.getMessage());
    assertTrue(e.getMessage().startsWith("cuLaunchKernel(fill/ms_fill_f32, grid 1, block 4096"), e.getMessage());
    assertDoesNotThrow(gpu.device::synchronize, "a refused launch leaves the context usable");
    gpu.allocator.release(y);
  }

  @Test
  void argumentsNotMatchingTheSignatureNeverReachTheGpu() {
    assertThrows(IllegalArgumentException.class, () ->
        gpu.modules.launch(fill, 1, BLOCK, 0, args.clear().ptr(0).i32(1).i64(N)));
    assertSame(fill, gpu.modules.kernel("fill", "ms_fill_f32", PTR, F32, I64));
    assertThrows(IllegalArgumentException.class, () -> gpu.modules.kernel("fill", "ms_fill_f32", PTR, I32, I64));
    CudaException e = assertThrows(CudaException.class, () -> gpu.modules.kernel("fill", "ms_no_such_kernel"));
    assertEquals("CUDA_ERROR_NOT_FOUND", e.statusName());
    assertTrue(e.getMessage().startsWith("cuModuleGetFunction(fill/ms_no_such_kernel)"), e.getMessage());
  }

  @Test
  void memsetsAndCopiesMoveTheRightBytes() {
    long bytes = 4L * N;
    DeviceBlock a = gpu.allocator.allocate(bytes);
    DeviceBlock b = gpu.allocator.allocate(bytes);
    MemorySegment stream = gpu.device.stream();
    check(CudaDriver.cuMemsetD32Async(a.pointer(), Float.floatToRawIntBits(1.5f), N, stream), "cuMemsetD32Async");
    check(CudaDriver.cuMemcpyDtoDAsync_v2(b.pointer(), a.pointer(), bytes, stream), "cuMemcpyDtoDAsync_v2");
    assertAllEqual(1.5f, gpu.download(b, N));
    check(CudaDriver.cuMemsetD8Async(b.pointer(), (byte) 0, bytes, stream), "cuMemsetD8Async");
    assertAllEqual(0f, gpu.download(b, N));

    // The synchronous variants run on the legacy stream; ours is idle after download's synchronisation.
    float[] x = GpuSession.uniform(3, N, -1, 1);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment host = arena.allocateFrom(ValueLayout.JAVA_FLOAT, x);
      MemorySegment back = arena.allocate(bytes, 16);
      check(CudaDriver.cuMemcpyHtoD_v2(a.pointer(), host, bytes), "cuMemcpyHtoD_v2");
      check(CudaDriver.cuMemcpyDtoD_v2(b.pointer(), a.pointer(), bytes), "cuMemcpyDtoD_v2");
      check(CudaDriver.cuMemcpyDtoH_v2(back, b.pointer(), bytes), "cuMemcpyDtoH_v2");
      assertTrue(MemorySegment.mismatch(host, 0, bytes, back, 0, bytes) < 0, "HtoD, DtoD, DtoH round trip");
      check(CudaDriver.cuMemsetD32_v2(a.pointer(), Float.floatToRawIntBits(-3f), N), "cuMemsetD32_v2");
      check(CudaDriver.cuMemsetD8_v2(b.pointer(), (byte) 0x3f, bytes), "cuMemsetD8_v2");
      check(CudaDriver.cuCtxSynchronize(), "cuCtxSynchronize");
      check(CudaDriver.cuMemcpyDtoH_v2(back, a.pointer(), bytes), "cuMemcpyDtoH_v2");
      assertAllEqual(-3f, back.toArray(ValueLayout.JAVA_FLOAT));
      check(CudaDriver.cuMemcpyDtoH_v2(back, b.pointer(), bytes), "cuMemcpyDtoH_v2");
      assertAllEqual(Float.intBitsToFloat(0x3f3f3f3f), back.toArray(ValueLayout.JAVA_FLOAT));
    }
    gpu.allocator.release(a);
    gpu.allocator.release(b);
  }

  @Test
  void theEventTimerReadsTheGpusClock() {
    DeviceBlock y = gpu.allocator.allocate(4L * N);
    try (EventTimer timer = new EventTimer(gpu.device)) {
      timer.start();
      for (int i = 0; i < 20; i++) {
        gpu.modules.launch(fill, gpu.modules.gridFor(N, BLOCK), BLOCK, 0, args.clear().ptr(y.pointer()).f32(i).i64(N));
      }
      float ms = timer.stopMillis();
      assertTrue(ms > 0 && Float.isFinite(ms), "elapsed " + ms + " ms");
    }
    assertAllEqual(19f, gpu.download(y, N));
    gpu.allocator.release(y);
  }

  private static void assertAllEqual(float expected, float[] actual) {
    int wrong = 0;
    int first = -1;
    for (int i = 0; i < actual.length; i++) {
      if (Float.compare(actual[i], expected) != 0) {
        wrong++;
        first = first < 0 ? i : first;
      }
    }
    int firstWrong = first;
    assertEquals(0, wrong, () -> "expected " + expected + " everywhere; first wrong at " + firstWrong + ": "
        + actual[firstWrong]);
  }
}
