package dev.mainspring.model.flow;

import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.AffineCoupling;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.Reduce;
import java.util.SplittableRandom;

/**
 * A conditional normalizing flow of affine coupling layers over y ∈ R^K (MODEL.md, Stage 4), at
 * the level of functions: this class owns the layer layout (which coordinates each layer keeps and
 * which it transforms), the chaining of {@link AffineCoupling} in both directions, the base density
 * and sampling. The coupling networks are the caller's: a {@link Conditioner} maps a layer's kept
 * coordinates (and whatever context it captured, e.g. c) to that layer's shift and raw log-scale.
 *
 * <p>Layout. Coordinates are visited in an order {@code o_p} that changes between pairs of layers
 * by a fixed random permutation (seeded: part of the model's configuration). Layer l of pair
 * p = l/2 keeps the first ⌊K/2⌋ coordinates of o_p and transforms the rest when l is even, and
 * keeps the last ⌊K/2⌋ and transforms the first ⌈K/2⌉ when l is odd. Halves alternate within a pair
 * so every coordinate is transformed at least once per pair; a fresh shuffle before every layer
 * would not promise that (with K = 32 and 8 layers, about one flow in eight would leave some
 * coordinate never transformed).
 *
 * <p>Halves are taken and put back with constant 0/1 selection matrices through {@link MatMul}, so
 * every step is an existing differentiable op on any backend (K is 32: the products are tiny).
 */
public final class ConditionalAffineFlow {
  /**
   * A layer's coupling network: kept half [B, keptSize] → shift and raw log-scale
   * [B, transformedSize]. Capture the context c in the closure.
   */
  @FunctionalInterface
  public interface Conditioner {
    Params apply(int layer, Tensor kept);
  }

  /** Shift and raw (unbounded) log-scale for the transformed half of one layer. */
  public record Params(Tensor shift, Tensor rawLogScale) {}

  /** A transformed batch and the summed log|det| of the Jacobian of the map that made it [B]. */
  public record Transformed(Tensor value, Tensor logdet) {}

  /** Samples y [B, K] and their log-density log q(y | c) [B]. */
  public record Sample(Tensor y, Tensor logProb) {}

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int dim;
  private final int layers;
  private final int[][] kept;
  private final int[][] transformed;

  /**
   * @param dim K, the number of coordinates (at least 2)
   * @param layers number of coupling layers (at least 1)
   * @param permutationSeed seeds the fixed shuffles between pairs of layers
   */
  public ConditionalAffineFlow(int dim, int layers, long permutationSeed) {
    if (dim < 2 || layers < 1) {
      throw new IllegalArgumentException("flow needs dim >= 2 and layers >= 1, got dim " + dim
          + ", layers " + layers);
    }
    this.dim = dim;
    this.layers = layers;
    this.kept = new int[layers][];
    this.transformed = new int[layers][];
    int half = dim / 2;
    int[] order = new int[dim];
    for (int i = 0; i < dim; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(permutationSeed);
    for (int l = 0; l < layers; l++) {
      if (l > 0 && l % 2 == 0) {
        shuffle(order, rnd);
      }
      if (l % 2 == 0) {
        kept[l] = java.util.Arrays.copyOfRange(order, 0, half);
        transformed[l] = java.util.Arrays.copyOfRange(order, half, dim);
      } else {
        kept[l] = java.util.Arrays.copyOfRange(order, dim - half, dim);
        transformed[l] = java.util.Arrays.copyOfRange(order, 0, dim - half);
      }
    }
  }

  private static void shuffle(int[] a, SplittableRandom rnd) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  public int dim() {
    return dim;
  }

  public int layers() {
    return layers;
  }

  /** Width of every layer's kept half, ⌊K/2⌋: the conditioners' input width. */
  public int keptSize() {
    return dim / 2;
  }

  /** Width of every layer's transformed half, ⌈K/2⌉: the conditioners' output width. */
  public int transformedSize() {
    return dim - dim / 2;
  }

  /** Coordinates layer {@code layer} keeps (passes through and conditions on), in column order. */
  public int[] keptIndices(int layer) {
    return kept[layer].clone();
  }

  /** Coordinates layer {@code layer} transforms, in column order of its shift/raw outputs. */
  public int[] transformedIndices(int layer) {
    return transformed[layer].clone();
  }

  /** y → z through all layers; logdet = log|det ∂z/∂y| [B]. */
  public Transformed forward(Tensor y, Conditioner net) {
    requireBatch(y);
    Tensor v = y;
    Tensor logdet = null;
    for (int l = 0; l < layers; l++) {
      Transformed t = layer(l, v, net, AffineCoupling.Direction.FORWARD);
      v = t.value();
      logdet = logdet == null ? t.logdet() : Arith.add(logdet, t.logdet());
    }
    return new Transformed(v, logdet);
  }

  /** z → y through all layers in reverse; logdet = log|det ∂y/∂z| [B]. */
  public Transformed inverse(Tensor z, Conditioner net) {
    requireBatch(z);
    Tensor v = z;
    Tensor logdet = null;
    for (int l = layers - 1; l >= 0; l--) {
      Transformed t = layer(l, v, net, AffineCoupling.Direction.INVERSE);
      v = t.value();
      logdet = logdet == null ? t.logdet() : Arith.add(logdet, t.logdet());
    }
    return new Transformed(v, logdet);
  }

  /** log q(y | c) = log N(z; 0, I) + log|det ∂z/∂y| [B]. */
  public Tensor logProb(Tensor y, Conditioner net) {
    Transformed t = forward(y, net);
    return Arith.add(standardNormalLogProb(t.value()), t.logdet());
  }

  /**
   * Maps base draws {@code eps} [B, K] (standard normal, drawn by the caller) to samples y and
   * their log q(y | c) = log N(eps) − log|det ∂y/∂eps|. Differentiable in eps and in everything the
   * conditioner depends on (the Monte-Carlo KL term back-propagates through this).
   */
  public Sample sample(Tensor eps, Conditioner net) {
    Transformed t = inverse(eps, net);
    return new Sample(t.value(), Arith.sub(standardNormalLogProb(eps), t.logdet()));
  }

  /** log N(z; 0, I) per row of z [B, K]: −½ Σ z² − (K/2)·log 2π. */
  public static Tensor standardNormalLogProb(Tensor z) {
    if (z.rank() != 2) {
      throw new IllegalArgumentException("standard normal log-density of [B, K], got " + z);
    }
    Tensor sq = Reduce.sum(Elementwise.square(z), 1, false);
    return Arith.affine(sq, -0.5, -0.5 * z.dim(1) * LOG_2PI);
  }

  private Transformed layer(int l, Tensor v, Conditioner net, AffineCoupling.Direction dir) {
    Tensor keepSel = selection(v, kept[l]);
    Tensor changeSel = selection(v, transformed[l]);
    Tensor keptHalf = MatMul.apply(v, keepSel);
    Tensor changed = MatMul.apply(v, changeSel);
    Params p = net.apply(l, keptHalf);
    int b = v.dim(0);
    int k2 = transformed[l].length;
    p.shift().requireShape(new int[] {b, k2}, "flow layer " + l + " shift");
    p.rawLogScale().requireShape(new int[] {b, k2}, "flow layer " + l + " raw log-scale");
    AffineCoupling.Result r = AffineCoupling.apply(dir, changed, p.shift(), p.rawLogScale());
    // Put the halves back in place: v' = kept·Sₖᵀ + out·Sₜᵀ.
    Tensor back = Arith.add(MatMul.apply(keptHalf, keepSel, false, true),
        MatMul.apply(r.out(), changeSel, false, true));
    return new Transformed(back, r.logdet());
  }

  /** The constant [K, m] matrix whose column a is the one-hot vector of coordinate idx[a]. */
  private Tensor selection(Tensor like, int[] idx) {
    double[] m = new double[dim * idx.length];
    for (int a = 0; a < idx.length; a++) {
      m[idx[a] * idx.length + a] = 1.0;
    }
    return Tensor.of(like.backend(), like.dtype(), m, dim, idx.length);
  }

  private void requireBatch(Tensor y) {
    if (y.rank() != 2 || y.dim(1) != dim) {
      throw new IllegalArgumentException("flow input must be [B, " + dim + "], got " + y);
    }
  }
}
