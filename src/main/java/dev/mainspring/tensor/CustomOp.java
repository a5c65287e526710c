package dev.mainspring.tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * An op defined by its user: forward and backward kernels per backend, and the op takes part in
 * autodiff like any built-in one (it is recorded on the {@link Tape} and its backward runs during
 * {@link Autograd#backward}). CPU kernels usually read and write through
 * {@code dev.mainspring.backend.cpu.CpuBuf}, so one kernel serves F32 training and the F64 that
 * {@link #gradCheck} runs in. Kernels for another backend (e.g. "cuda") are added with
 * {@link #kernels(String, Forward, Backward)}.
 *
 * <pre>{@code
 * CustomOp swish = CustomOp.define("swish")
 *     .forward((in, out) -> ...)                     // out = f(in…)
 *     .backward((in, out, gradOut, gradIn) -> ...);  // gradIn[i] = ∂L/∂in[i]
 * Tensor y = swish.apply(x);
 * swish.gradCheck(x64);                            // throws if backward disagrees with forward
 * }</pre>
 */
public final class CustomOp {
  /** Writes the op's output {@code out} (allocated, uninitialised) from {@code inputs}. */
  @FunctionalInterface
  public interface Forward {
    void run(Tensor[] inputs, Tensor out);
  }

  /**
   * Writes the gradient of each input into {@code gradInputs[i]} (zero-filled, shaped like
   * input i; null for inputs that need no gradient), given the inputs, the forward output and the
   * output's gradient.
   */
  @FunctionalInterface
  public interface Backward {
    void run(Tensor[] inputs, Tensor out, Tensor gradOut, Tensor[] gradInputs);
  }

  /** The kernel pair of one backend. */
  public record Kernels(Forward forward, Backward backward) {}

  private final String name;
  private final Map<String, Kernels> kernels = new LinkedHashMap<>();
  private Forward cpuForward;
  private Backward cpuBackward;
  private Function<int[][], int[]> outputShape = shapes -> shapes[0];

  private CustomOp(String name) {
    this.name = name;
  }

  /** Starts defining an op; give it CPU kernels with {@link #forward} and {@link #backward}. */
  public static CustomOp define(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a custom op needs a name");
    }
    return new CustomOp(name);
  }

  /** The CPU forward kernel. */
  public CustomOp forward(Forward f) {
    this.cpuForward = f;
    updateCpu();
    return this;
  }

  /** The CPU backward kernel. */
  public CustomOp backward(Backward b) {
    this.cpuBackward = b;
    updateCpu();
    return this;
  }

  private void updateCpu() {
    kernels.put("cpu", new Kernels(cpuForward, cpuBackward));
  }

  /** Kernels for another backend, by its {@link Backend#name()} (e.g. "cuda"). */
  public CustomOp kernels(String backend, Forward forward, Backward backward) {
    kernels.put(backend, new Kernels(forward, backward));
    return this;
  }

  /** Output shape from the input shapes (default: the first input's shape). */
  public CustomOp outputShape(Function<int[][], int[]> rule) {
    this.outputShape = rule;
    return this;
  }

  public String name() {
    return name;
  }

  /** Runs the op (recorded for autodiff when an input requires grad). Output dtype = input 0's. */
  public Tensor apply(Tensor... inputs) {
    if (inputs.length == 0) {
      throw new IllegalArgumentException(name + ": needs at least one input");
    }
    Backend backend = inputs[0].backend();
    int[][] shapes = new int[inputs.length][];
    for (int i = 0; i < inputs.length; i++) {
      if (inputs[i].backend() != backend) {
        throw new IllegalArgumentException(name + ": inputs on different backends: " + inputs[0]
            + " and " + inputs[i]);
      }
      shapes[i] = inputs[i].shape();
    }
    Kernels k = kernelsFor(backend);
    if (k.forward() == null) {
      throw new IllegalStateException(name + ": no forward kernel for the " + backend.name()
          + " backend");
    }
    int[] shape = outputShape.apply(shapes);
    Tensor out = Tensor.empty(backend, inputs[0].dtype(), shape);
    k.forward().run(inputs.clone(), out);
    return new Node(this, inputs.clone(), out).record(out, inputs);
  }

  /**
   * Checks the backward kernel against central finite differences of the forward, in double
   * precision ({@link GradCheck} with default settings); the inputs must be F64, and those that
   * require grad are checked. Throws an AssertionError naming the worst entry when they disagree.
   */
  public GradCheck.Result gradCheck(Tensor... inputs) {
    return gradCheck(GradCheck.create(), inputs);
  }

  /** As {@link #gradCheck(Tensor...)} with the given settings (tolerances, seed, entries). */
  public GradCheck.Result gradCheck(GradCheck settings, Tensor... inputs) {
    return settings.run(this::apply, inputs).assertOk();
  }

  private Kernels kernelsFor(Backend backend) {
    Kernels k = kernels.get(backend.name());
    if (k == null) {
      throw new UnsupportedOperationException("custom op '" + name + "' has no kernels for the "
          + backend.name() + " backend; add them with kernels(\"" + backend.name()
          + "\", forward, backward)");
    }
    return k;
  }

  @Override
  public String toString() {
    return "CustomOp(" + name + ", backends " + kernels.keySet() + ")";
  }

  /** The op's node on the tape: keeps its inputs and output for the backward kernel. */
  private static final class Node extends Op.Unary {
    private final CustomOp op;
    private final Tensor[] inputs;
    private final Tensor out;

    Node(CustomOp op, Tensor[] inputs, Tensor out) {
      this.op = op;
      this.inputs = inputs;
      this.out = out;
    }

    @Override
    public String name() {
      return op.name;
    }

    @Override
    protected void backward(Tensor gradOut, Gradients grads) {
      Kernels k = op.kernelsFor(out.backend());
      if (k.backward() == null) {
        throw new IllegalStateException("custom op '" + op.name + "' has no backward kernel for "
            + out.backend().name() + "; give it one to differentiate through it");
      }
      Tensor[] gradIn = new Tensor[inputs.length];
      for (int i = 0; i < inputs.length; i++) {
        if (needsGrad(inputs[i])) {
          gradIn[i] = Tensor.zerosLike(inputs[i]);
        }
      }
      k.backward().run(inputs.clone(), out, gradOut, gradIn);
      for (int i = 0; i < inputs.length; i++) {
        if (gradIn[i] != null) {
          if (!Arrays.equals(gradIn[i].shape(), inputs[i].shape())) {
            throw new IllegalStateException("custom op '" + op.name + "': backward gave input " + i
                + " a gradient of shape " + Shape.str(gradIn[i].shape()) + " for an input of shape "
                + Shape.str(inputs[i].shape()));
          }
          grads.add(inputs[i], gradIn[i]);
        }
      }
    }
  }
}
