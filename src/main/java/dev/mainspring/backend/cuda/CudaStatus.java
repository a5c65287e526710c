package dev.mainspring.backend.cuda;

import java.util.List;

/**
 * Whether CUDA can run here, and if not, the one reason why. Built by {@link CudaProbe}.
 *
 * @param unavailableReason null when CUDA is usable
 * @param driverVersion {@code cuDriverGetVersion}'s value (e.g. 13000), 0 when the driver did not answer
 */
public record CudaStatus(String unavailableReason, int driverVersion, List<CudaDeviceInfo> devices) {
  public CudaStatus {
    devices = List.copyOf(devices);
  }

  static CudaStatus unavailable(String reason, int driverVersion) {
    return new CudaStatus(reason, driverVersion, List.of());
  }

  public boolean usable() {
    return unavailableReason == null;
  }

  /** The driver's CUDA version as "13.0"; {@code cuDriverGetVersion} encodes it as 1000*major + 10*minor. */
  public String driverVersionText() {
    return driverVersion / 1000 + "." + (driverVersion % 1000) / 10;
  }

  /** One line: the driver and device count, or why CUDA is unavailable. */
  public String summary() {
    if (!usable()) {
      return "unavailable: " + unavailableReason;
    }
    return "driver supports CUDA " + driverVersionText() + ", " + devices.size()
        + (devices.size() == 1 ? " device" : " devices");
  }
}
