package dev.mainspring.train;

import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global-norm gradient clipping as torch.nn.utils.clip_grad_norm_ (L2): the norm is taken over all
 * gradients together, and when it exceeds {@code maxNorm} every gradient is scaled by
 * maxNorm / (norm + 1e-6). A non-finite norm (a NaN or ∞ gradient somewhere) is reported and the
 * gradients are left as they are: the caller should skip the step (torch would scale everything
 * by NaN).
 */
public final class GradClip {
  /** Reductions and scaling over one gradient tensor, one implementation per backend. */
  public interface Kernels {
    /** Σ g² over all elements, accumulated in double in an order fixed by the size. */
    double sumOfSquares(Tensor g);

    /**
     * Σ g² over all of {@code gs} (on this backend). A device backend overrides it to read the total
     * back once instead of once per tensor.
     */
    default double sumOfSquares(List<Tensor> gs) {
      double s = 0;
      for (Tensor g : gs) {
        s += sumOfSquares(g);
      }
      return s;
    }

    /** g ← g · factor in place. */
    void scale(Tensor g, double factor);
  }

  /** The pre-clip global norm and the factor applied (1 when no clipping happened). */
  public record Result(double norm, double factor) {
    public boolean finite() {
      return Double.isFinite(norm);
    }

    public boolean clipped() {
      return factor < 1.0;
    }
  }

  private GradClip() {}

  /** Clips the gradients of {@code params} (those without one are ignored) to {@code maxNorm}. */
  public static Result clipGlobalNorm(Collection<Parameter> params, double maxNorm) {
    if (!(maxNorm > 0)) {
      throw new IllegalArgumentException("max norm must be positive, got " + maxNorm);
    }
    // Gradients grouped by backend, so each backend sums its own in one call.
    Map<Backend, List<Tensor>> byBackend = new LinkedHashMap<>();
    for (Parameter p : params) {
      Tensor g = p.grad();
      if (g != null) {
        byBackend.computeIfAbsent(g.backend(), b -> new ArrayList<>()).add(g);
      }
    }
    double sum = 0;
    for (Map.Entry<Backend, List<Tensor>> e : byBackend.entrySet()) {
      sum += TrainKernels.get(e.getKey(), Kernels.class).sumOfSquares(e.getValue());
    }
    double norm = Math.sqrt(sum);
    if (!Double.isFinite(norm)) {
      return new Result(norm, 1.0);
    }
    double factor = Math.min(1.0, maxNorm / (norm + 1e-6));
    if (factor < 1.0) {
      for (Parameter p : params) {
        Tensor g = p.grad();
        if (g != null) {
          kernels(g).scale(g, factor);
        }
      }
    }
    return new Result(norm, factor);
  }

  private static Kernels kernels(Tensor g) {
    return TrainKernels.get(g.backend(), Kernels.class);
  }
}
