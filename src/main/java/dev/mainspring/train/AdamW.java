package dev.mainspring.train;

import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW exactly as torch.optim.AdamW (amsgrad off): per step t (from 1), for each parameter p with
 * gradient g, decoupled weight decay p ← p·(1 − lr·wd), then m ← β1·m + (1 − β1)·g,
 * v ← β2·v + (1 − β2)·g², and p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε).
 *
 * <p>The moments m and v live outside every scope (allocated on the first step, zero-filled) and
 * the whole update of one parameter is one fused kernel ({@link Kernels}), so a step allocates no
 * tensors. Parameters without a gradient are skipped. One step count serves all parameters
 * (PyTorch keeps one per parameter; they differ only for parameters that sometimes lack a
 * gradient).
 */
public final class AdamW {
  /** The fused update, one implementation per backend (CPU: {@link AdamWCpu}). */
  public interface Kernels {
    /**
     * In place over all elements: p ← p·(1 − lr·wd); m ← β1·m + (1 − β1)·g;
     * v ← β2·v + (1 − β2)·g²; p ← p − stepSize·m / (√v / sqrtBc2 + eps).
     */
    void step(Tensor p, Tensor g, Tensor m, Tensor v, double lr, double weightDecay, double beta1,
        double beta2, double eps, double stepSize, double sqrtBc2);
  }

  private final List<String> names;
  private final List<Parameter> params;
  private final List<Tensor> m;
  private final List<Tensor> v;
  private final boolean[] decay;
  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private double lr;
  private long step;

  private AdamW(Builder b, Map<String, Parameter> named) {
    this.names = new ArrayList<>(named.keySet());
    this.params = new ArrayList<>(named.values());
    this.m = new ArrayList<>(Collections.nCopies(params.size(), null));
    this.v = new ArrayList<>(Collections.nCopies(params.size(), null));
    this.decay = new boolean[params.size()];
    for (int i = 0; i < params.size(); i++) {
      decay[i] = b.decayIf.test(names.get(i), params.get(i));
    }
    this.lr = b.lr;
    this.beta1 = b.beta1;
    this.beta2 = b.beta2;
    this.eps = b.eps;
    this.weightDecay = b.weightDecay;
  }

  /** Which parameters get weight decay, given full name and parameter. */
  @FunctionalInterface
  public interface DecayRule {
    boolean test(String name, Parameter p);
  }

  /** Decay every parameter (PyTorch's default). */
  public static final DecayRule DECAY_ALL = (name, p) -> true;

  /**
   * Decay only matrices: biases and LayerNorm gains/shifts (rank ≤ 1) are left alone, the usual
   * choice for transformers.
   */
  public static final DecayRule DECAY_MATRICES = (name, p) -> p.shape().length >= 2;

  public static Builder builder() {
    return new Builder();
  }

  /** Settings, with torch.optim.AdamW's defaults. */
  public static final class Builder {
    private double lr = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = 1e-2;
    private DecayRule decayIf = DECAY_ALL;

    public Builder lr(double v) {
      this.lr = v;
      return this;
    }

    public Builder betas(double b1, double b2) {
      this.beta1 = b1;
      this.beta2 = b2;
      return this;
    }

    public Builder eps(double v) {
      this.eps = v;
      return this;
    }

    public Builder weightDecay(double v) {
      this.weightDecay = v;
      return this;
    }

    /** Which parameters are decayed (others get plain Adam); e.g. {@link #DECAY_MATRICES}. */
    public Builder decayIf(DecayRule rule) {
      this.decayIf = rule;
      return this;
    }

    /** An optimiser over {@code named} parameters (e.g. {@code module.namedParameters()}). */
    public AdamW build(Map<String, Parameter> named) {
      if (!(lr >= 0) || !(eps > 0) || !(weightDecay >= 0) || !(beta1 >= 0 && beta1 < 1)
          || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("AdamW needs lr ≥ 0, eps > 0, weight decay ≥ 0 and "
            + "betas in [0, 1); got lr=" + lr + " eps=" + eps + " wd=" + weightDecay + " betas=("
            + beta1 + ", " + beta2 + ")");
      }
      return new AdamW(this, new LinkedHashMap<>(named));
    }
  }

  public double lr() {
    return lr;
  }

  /** Sets the learning rate of the next steps (schedules call this before each step). */
  public void setLr(double lr) {
    this.lr = lr;
  }

  /** Steps taken so far. */
  public long stepCount() {
    return step;
  }

  /** One update of every parameter that has a gradient. */
  public void step() {
    step++;
    double bc1 = 1 - Math.pow(beta1, step);
    double bc2 = 1 - Math.pow(beta2, step);
    double stepSize = lr / bc1;
    double sqrtBc2 = Math.sqrt(bc2);
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      Tensor g = p.grad();
      if (g == null) {
        continue;
      }
      ensureState(i);
      Tensor value = p.value();
      kernels(value.backend()).step(value, g, m.get(i), v.get(i), lr,
          decay[i] ? weightDecay : 0.0, beta1, beta2, eps, stepSize, sqrtBc2);
    }
  }

  private void ensureState(int i) {
    if (m.get(i) == null) {
      Tensor p = params.get(i).value();
      try (Scope s = Scope.detached()) {
        m.set(i, Tensor.zerosLike(p));
        v.set(i, Tensor.zerosLike(p));
      }
    }
  }

  /** First moments by full parameter name (only those that have been stepped). */
  public Map<String, Tensor> firstMoments() {
    return moments(m);
  }

  /** Second moments by full parameter name (only those that have been stepped). */
  public Map<String, Tensor> secondMoments() {
    return moments(v);
  }

  private Map<String, Tensor> moments(List<Tensor> which) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      if (which.get(i) != null) {
        out.put(names.get(i), which.get(i));
      }
    }
    return out;
  }

  /**
   * Restores state saved from {@link #firstMoments()}, {@link #secondMoments()} and
   * {@link #stepCount()} (values are copied; shapes must match the parameters).
   */
  public void restore(long steps, Map<String, Tensor> first, Map<String, Tensor> second) {
    for (int i = 0; i < names.size(); i++) {
      Tensor fm = first.get(names.get(i));
      Tensor sm = second.get(names.get(i));
      if (fm == null && sm == null) {
        continue;
      }
      if (fm == null || sm == null) {
        throw new IllegalArgumentException("optimiser state for " + names.get(i)
            + " has only one of its two moments");
      }
      int[] shape = params.get(i).shape();
      fm.requireShape(shape, "first moment of " + names.get(i));
      sm.requireShape(shape, "second moment of " + names.get(i));
      ensureState(i);
      fm.copyTo(m.get(i));
      sm.copyTo(v.get(i));
    }
    this.step = steps;
  }

  /** Frees the moment tensors. */
  public void release() {
    for (int i = 0; i < m.size(); i++) {
      if (m.get(i) != null) {
        m.get(i).release();
        v.get(i).release();
        m.set(i, null);
        v.set(i, null);
      }
    }
  }

  static Kernels kernels(Backend backend) {
    return TrainKernels.get(backend, Kernels.class);
  }
}
