package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.bindings.cuda.CudaDriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe tells the truth about this machine, with or without a GPU. */
class CudaProbeTest {
  @Test
  void theStatusMatchesWhatTheMachineHas() {
    CudaStatus s = CudaProbe.status();
    if (!CudaDriver.LIBRARY.isLoaded()) {
      assertFalse(s.usable());
      assertTrue(s.devices().isEmpty());
      assertTrue(s.summary().startsWith("unavailable: libcuda.so.1 not found on the loader path"), s.summary());
    } else if (s.usable()) {
      assertFalse(s.devices().isEmpty());
      assertTrue(s.driverVersion() >= 12000, "driver version " + s.driverVersion());
      for (CudaDeviceInfo d : s.devices()) {
        assertFalse(d.name().isBlank());
        assertTrue(d.totalMemory() > 1L << 30, d.describe());
        assertTrue(d.computeMajor() >= 5 && d.multiprocessors() > 0 && d.maxThreadsPerBlock() >= 256,
            d.describe());
      }
      assertTrue(s.summary().startsWith("driver supports CUDA "), s.summary());
    } else {
      assertTrue(s.unavailableReason().startsWith("cuInit failed: ")
          || s.unavailableReason().contains("sees no CUDA device"), s.unavailableReason());
    }
  }

  @Test
  void driverVersionsReadAsCudaVersions() {
    assertEquals("13.0", new CudaStatus(null, 13000, List.of()).driverVersionText());
    assertEquals("12.8", new CudaStatus(null, 12080, List.of()).driverVersionText());
    assertEquals("driver supports CUDA 13.0, 0 devices", new CudaStatus(null, 13000, List.of()).summary());
    assertEquals("unavailable: why", CudaStatus.unavailable("why", 0).summary());
  }
}
