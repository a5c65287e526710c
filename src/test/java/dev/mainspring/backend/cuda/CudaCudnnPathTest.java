package dev.mainspring.backend.cuda;

import static dev.mainspring.backend.cuda.GpuCompare.compare;
import static dev.mainspring.backend.cuda.GpuCompare.uniform;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.backend.cuda.GpuCompare.In;
import dev.mainspring.bindings.cudnn.Cudnn;
import dev.mainspring.tensor.F;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cuDNN alternative path for softmax and activations, forced on, against the CPU backend; and the
 * automatic choice, which must time both paths. cuDNN may use fast exp/tanh: tolerance 2e-5.
 * Skipped without a GPU or without cuDNN.
 */
class CudaCudnnPathTest {
  private static String skip;

  @BeforeAll
  static void probe() {
    skip = GpuCompare.whyNoRealGpu();
    if (skip == null && !Cudnn.LIBRARY.isLoaded()) {
      skip = "cuDNN " + Cudnn.LIBRARY.describe();
    }
  }

  @BeforeEach
  void requireGpu() {
    GpuCompare.skipUnless(skip);
  }

  @AfterEach
  void restore() {
    if (skip == null) {
      CudaKernels.installCudnn(CudaBackend.shared(), CudnnPath.configuredMode());
    }
  }

  @Test
  void softmaxAndActivationsThroughCudnnMatchTheCpu() {
    CudaKernels.installCudnn(CudaBackend.shared(), CudnnPath.Mode.ON);
    In x = In.data(uniform(1, 37 * 129, -4, 4), 37, 129);
    compare("cudnn softmax", 2e-5, true, t -> F.softmax(t.get(0)), x);
    compare("cudnn logSoftmax", 2e-5, true, t -> F.logSoftmax(t.get(0)), x);
    compare("cudnn sigmoid", 2e-5, true, t -> F.sigmoid(t.get(0)), x);
    compare("cudnn tanh", 2e-5, true, t -> F.tanh(t.get(0)), x);
    compare("cudnn relu", 2e-5, true, t -> F.relu(t.get(0)), x);
    // A masked softmax is never sent to cuDNN, and stays right.
    In m = In.constant(GpuCompare.mask(2, 37 * 129, 0.5), 37, 129);
    compare("masked softmax beside cudnn", 1e-5, true, t -> F.softmax(t.get(0), t.get(1)), x, m);
  }

  @Test
  void theAutomaticChoiceTimesBothPaths() {
    CudnnPath path = CudaKernels.installCudnn(CudaBackend.shared(), CudnnPath.Mode.AUTO);
    In x = In.data(uniform(3, 64 * 300, -4, 4), 64, 300);
    compare("auto softmax", 2e-5, true, t -> F.softmax(t.get(0)), x);
    assertFalse(path.choices().isEmpty());
    for (CudnnPath.Choice c : path.choices().values()) {
      assertTrue(c.oursMs() > 0 && c.cudnnMs() > 0, c.toString());
    }
  }
}
