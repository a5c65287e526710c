package dev.mainspring.backend.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The CUDA kernel images (fatbins) the build packed into the jar under {@code /kernels}: one per
 * {@code cuda/*.cu} file, listed in {@code /kernels/index.txt}. A build without nvcc packs none.
 */
public final class KernelImages {
  private KernelImages() {}

  /** Names of the packed kernel files (without extension); empty when the build had no nvcc. */
  public static List<String> names() {
    try (InputStream in = KernelImages.class.getResourceAsStream("/kernels/index.txt")) {
      if (in == null) {
        return List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::strip).filter(s -> !s.isEmpty()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fatbin bytes of one kernel file, for {@code cuModuleLoadData}. */
  public static byte[] load(String name) {
    try (InputStream in = KernelImages.class.getResourceAsStream("/kernels/" + name + ".fatbin")) {
      if (in == null) {
        throw new IllegalStateException("CUDA kernel image '" + name + "' is not packed in this jar "
            + "(it was built " + (names().isEmpty() ? "without nvcc" : "without cuda/" + name + ".cu") + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String describe() {
    List<String> names = names();
    return names.isEmpty()
        ? "none packed (this jar was built without nvcc)"
        : names.size() + " packed (sm_80, sm_90, compute_90 PTX): " + String.join(", ", names);
  }
}
