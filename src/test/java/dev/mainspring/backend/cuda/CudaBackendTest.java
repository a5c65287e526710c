package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.DType;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Memory, transfers and selection of the CUDA backend; the GPU parts skip without a GPU. */
class CudaBackendTest {
  private static String skip;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNot();
  }

  @Test
  void askingForCudaWithoutAUsableGpuNamesTheReason() {
    org.junit.jupiter.api.Assumptions.assumeTrue(CudaBackend.unavailableReason() != null, "a GPU is usable here");
    Backend before = Backends.current();
    try {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backends.select("cuda"));
      assertTrue(e.getMessage().contains("CUDA cannot run here: " + CudaBackend.unavailableReason()),
          e.getMessage());
      assertEquals("cpu", Backends.select("auto").name());
    } finally {
      Backends.setCurrent(before);
    }
  }

  @Test
  void anUnknownDeviceIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backends.select("tpu"));
    assertTrue(e.getMessage().contains("unknown device 'tpu'"), e.getMessage());
  }

  @Test
  void selectingCudaWhereAGpuIsUsableInstallsIt() {
    GpuCompare.skipUnless(GpuCompare.whyNoRealGpu());
    Backend before = Backends.current();
    try {
      assertEquals("cuda", Backends.select("cuda").name());
      assertEquals("cuda", Backends.select("auto").name());
      assertEquals("cpu", Backends.select("cpu").name());
    } finally {
      Backends.setCurrent(before);
    }
  }

  @Test
  void uploadDownloadCopyFillAndViews() {
    GpuCompare.skipUnless(skip);
    Backend gpu = GpuCompare.gpu();
    try (Scope s = Scope.open()) {
      float[] v = GpuCompare.uniform(1, 1001, -1, 1);
      Tensor t = Tensor.of(gpu, v, 7, 143);
      assertArrayEquals(v, t.toFloatArray());
      Tensor c = t.copy();
      assertArrayEquals(v, c.toFloatArray());
      float[] rows = java.util.Arrays.copyOfRange(v, 2 * 143, 5 * 143);
      assertArrayEquals(rows, t.rows(2, 5).toFloatArray());
      Tensor f = Tensor.full(gpu, DType.F32, -2.5, 13);
      assertArrayEquals(new float[] {-2.5f, -2.5f, -2.5f}, java.util.Arrays.copyOf(f.toFloatArray(), 3));
      Tensor i = Tensor.full(gpu, DType.I32, 7, 5);
      assertArrayEquals(new int[] {7, 7, 7, 7, 7}, i.toIntArray());
      assertThrows(UnsupportedOperationException.class, () -> Tensor.zeros(gpu, DType.F64, 3));
    }
  }

  @Test
  void anotherThreadCanUseTheBackend() throws Exception {
    GpuCompare.skipUnless(skip);
    Backend gpu = GpuCompare.gpu();
    float[] v = GpuCompare.uniform(3, 100, -1, 1);
    float[][] got = new float[1][];
    Thread t = new Thread(() -> {
      try (Scope s = Scope.open()) {
        got[0] = dev.mainspring.tensor.F.scale(Tensor.of(gpu, v, 100), 2).toFloatArray();
      }
    });
    t.start();
    t.join();
    for (int i = 0; i < v.length; i++) {
      assertEquals(2 * v[i], got[0][i], 0f);
    }
  }

  @Test
  void aSteadyStepAllocatesNothingFromTheDriverAfterWarmUp() {
    GpuCompare.skipUnless(skip);
    Backend gpu = GpuCompare.gpu();
    float[] v = GpuCompare.uniform(2, 4096, -1, 1);
    for (int step = 0; step < 3; step++) {
      long before = gpu.memoryStats().systemAllocations();
      try (Scope s = Scope.open()) {
        Tensor x = Tensor.of(gpu, v, 64, 64);
        dev.mainspring.tensor.F.sumAll(dev.mainspring.tensor.F.matmul(x, x)).item();
      }
      if (step > 0) {
        assertEquals(before, gpu.memoryStats().systemAllocations(), "driver allocations in step " + step);
      }
    }
    assertTrue(gpu.memoryStats().bytesReserved() >= gpu.memoryStats().bytesInUse());
  }
}
