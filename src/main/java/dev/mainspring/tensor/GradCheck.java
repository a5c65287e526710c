package dev.mainspring.tensor;

import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks an op's backward against central finite differences, in double precision. Give it a
 * function of tensors and F64 inputs (those marked {@code requiresGrad} are checked); it projects
 * the output on fixed random weights so every output element matters, back-propagates those weights
 * once, and compares each input entry's analytic gradient with (L(x+ε) − L(x−ε)) / 2ε.
 *
 * <p>This is the one helper every op test and every custom op uses.
 */
public final class GradCheck {
  /** Outcome of a check; {@link #assertOk()} throws with the worst entry described. */
  public record Result(double maxAbsError, double maxRelError, int entriesChecked, String worst,
      boolean ok) {
    public Result assertOk() {
      if (!ok) {
        throw new AssertionError("gradient check failed after " + entriesChecked + " entries: "
            + worst);
      }
      return this;
    }
  }

  private double eps = 1e-6;
  private double rtol = 1e-5;
  private double atol = 1e-8;
  private int maxEntriesPerInput = 400;
  private long seed = 1234;

  public static GradCheck create() {
    return new GradCheck();
  }

  public GradCheck eps(double e) {
    this.eps = e;
    return this;
  }

  public GradCheck tolerance(double relative, double absolute) {
    this.rtol = relative;
    this.atol = absolute;
    return this;
  }

  /** Checks at most this many (randomly chosen) entries of each input; large inputs stay fast. */
  public GradCheck maxEntriesPerInput(int n) {
    this.maxEntriesPerInput = n;
    return this;
  }

  public GradCheck seed(long s) {
    this.seed = s;
    return this;
  }

  /** Runs the check with default settings and throws if it fails. */
  public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
    return create().run(f, inputs).assertOk();
  }

  public Result run(Function<Tensor[], Tensor> f, Tensor... inputs) {
    for (Tensor t : inputs) {
      if (t != null && t.requiresGrad() && t.dtype() != DType.F64) {
        throw new IllegalArgumentException("gradient checks run in F64; got " + t);
      }
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    try (Scope scope = Scope.open()) {
      for (Tensor t : inputs) {
        if (t != null) {
          t.clearGrad();
        }
      }
      Tensor y = f.apply(inputs);
      double[] w = new double[Math.toIntExact(y.numel())];
      for (int i = 0; i < w.length; i++) {
        w[i] = rnd.nextDouble(-1.0, 1.0);
      }
      if (!y.requiresGrad()) {
        throw new IllegalArgumentException("the function's output does not depend on any input "
            + "that requires grad");
      }
      Autograd.backward(y, Tensor.of(y.backend(), DType.F64, w, y.shape()));

      double maxAbs = 0;
      double maxRel = 0;
      String worst = "none";
      boolean ok = true;
      int checked = 0;
      for (int in = 0; in < inputs.length; in++) {
        Tensor x = inputs[in];
        if (x == null || !x.requiresGrad()) {
          continue;
        }
        double[] analytic = x.grad() == null ? new double[(int) x.numel()] : x.grad().toDoubleArray();
        double[] values = x.toDoubleArray();
        int[] entries = pick(values.length, rnd);
        for (int idx : entries) {
          double orig = values[idx];
          values[idx] = orig + eps;
          double lp = project(f, inputs, x, values, w);
          values[idx] = orig - eps;
          double lm = project(f, inputs, x, values, w);
          values[idx] = orig;
          put(x, values);
          double numeric = (lp - lm) / (2 * eps);
          double a = analytic[idx];
          double abs = Math.abs(a - numeric);
          double rel = abs / Math.max(1e-12, Math.max(Math.abs(a), Math.abs(numeric)));
          boolean good = Double.isFinite(a) && Double.isFinite(numeric)
              && abs <= atol + rtol * Math.max(Math.abs(a), Math.abs(numeric));
          checked++;
          if (!good && ok || abs > maxAbs && ok) {
            worst = "input " + in + " " + Shape.str(x.shape()) + " entry " + idx + ": analytic " + a
                + " vs numeric " + numeric + " (abs err " + abs + ", rel err " + rel + ")";
          }
          ok &= good;
          maxAbs = Math.max(maxAbs, abs);
          maxRel = Math.max(maxRel, rel);
        }
        x.clearGrad();
      }
      return new Result(maxAbs, maxRel, checked, worst, ok);
    }
  }

  private int[] pick(int n, SplittableRandom rnd) {
    if (n <= maxEntriesPerInput) {
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      return all;
    }
    int[] some = new int[maxEntriesPerInput];
    for (int i = 0; i < some.length; i++) {
      some[i] = rnd.nextInt(n);
    }
    return some;
  }

  private static double project(Function<Tensor[], Tensor> f, Tensor[] inputs, Tensor x,
      double[] values, double[] w) {
    put(x, values);
    try (Scope s = Scope.open(); Tape.NoGrad ng = Tape.noGrad()) {
      double[] y = f.apply(inputs).toDoubleArray();
      double acc = 0;
      for (int i = 0; i < y.length; i++) {
        acc += w[i] * y[i];
      }
      return acc;
    }
  }

  private static void put(Tensor x, double[] values) {
    x.backend().upload(MemorySegment.ofArray(values), x.storage(), x.offset(), values.length);
  }
}
