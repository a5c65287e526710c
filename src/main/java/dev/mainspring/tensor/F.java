package dev.mainspring.tensor;

import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.BceWithLogits;
import dev.mainspring.tensor.ops.Clamp;
import dev.mainspring.tensor.ops.Concat;
import dev.mainspring.tensor.ops.Dropout;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.GammaNll;
import dev.mainspring.tensor.ops.GumbelSoftmax;
import dev.mainspring.tensor.ops.Index;
import dev.mainspring.tensor.ops.LayerNorm;
import dev.mainspring.tensor.ops.MatMul;
import dev.mainspring.tensor.ops.MinMax;
import dev.mainspring.tensor.ops.OneHot;
import dev.mainspring.tensor.ops.Permute;
import dev.mainspring.tensor.ops.Reduce;
import dev.mainspring.tensor.ops.Slice;
import dev.mainspring.tensor.ops.Softmax;
import dev.mainspring.tensor.ops.Where;
import java.util.List;

/**
 * Every built-in op as a static function, so model code reads {@code F.gelu(F.add(F.matmul(x, w),
 * b))}. A thin delegation list: the semantics, masks and gradients are documented on each op class.
 * Masks are the data's dtype with nonzero = valid; indices are I32.
 */
public final class F {
  private F() {}

  // ---- arithmetic (broadcasting) ------------------------------------------------------------
  public static Tensor add(Tensor a, Tensor b) { return Arith.add(a, b); }
  public static Tensor sub(Tensor a, Tensor b) { return Arith.sub(a, b); }
  public static Tensor mul(Tensor a, Tensor b) { return Arith.mul(a, b); }
  public static Tensor div(Tensor a, Tensor b) { return Arith.div(a, b); }
  public static Tensor affine(Tensor x, double scale, double shift) { return Arith.affine(x, scale, shift); }
  public static Tensor scale(Tensor x, double scale) { return Arith.scale(x, scale); }
  public static Tensor addScalar(Tensor x, double shift) { return Arith.addScalar(x, shift); }
  public static Tensor neg(Tensor x) { return Arith.neg(x); }
  public static Tensor maximum(Tensor a, Tensor b) { return MinMax.maximum(a, b); }
  public static Tensor minimum(Tensor a, Tensor b) { return MinMax.minimum(a, b); }
  public static Tensor clamp(Tensor x, double min, double max) { return Clamp.apply(x, min, max); }

  // ---- elementwise functions ----------------------------------------------------------------
  public static Tensor exp(Tensor x) { return Elementwise.exp(x); }
  public static Tensor log(Tensor x) { return Elementwise.log(x); }
  public static Tensor log1p(Tensor x) { return Elementwise.log1p(x); }
  public static Tensor softplus(Tensor x) { return Elementwise.softplus(x); }
  public static Tensor sigmoid(Tensor x) { return Elementwise.sigmoid(x); }
  public static Tensor tanh(Tensor x) { return Elementwise.tanh(x); }
  public static Tensor gelu(Tensor x) { return Elementwise.gelu(x); }
  public static Tensor relu(Tensor x) { return Elementwise.relu(x); }
  public static Tensor abs(Tensor x) { return Elementwise.abs(x); }
  public static Tensor sqrt(Tensor x) { return Elementwise.sqrt(x); }
  public static Tensor square(Tensor x) { return Elementwise.square(x); }
  public static Tensor lgamma(Tensor x) { return Elementwise.lgamma(x); }
  public static Tensor digamma(Tensor x) { return Elementwise.digamma(x); }

  // ---- reductions ---------------------------------------------------------------------------
  public static Tensor sum(Tensor x, int axis, boolean keepDim) { return Reduce.sum(x, axis, keepDim); }
  public static Tensor mean(Tensor x, int axis, boolean keepDim) { return Reduce.mean(x, axis, keepDim); }
  public static Tensor max(Tensor x, int axis, boolean keepDim) { return Reduce.max(x, axis, keepDim); }
  public static Tensor sumAll(Tensor x) { return Reduce.sumAll(x); }
  public static Tensor meanAll(Tensor x) { return Reduce.meanAll(x); }

  // ---- products -----------------------------------------------------------------------------
  public static Tensor matmul(Tensor a, Tensor b) { return MatMul.apply(a, b); }
  public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) { return MatMul.apply(a, b, transA, transB); }

  // ---- normalisation and softmax ------------------------------------------------------------
  public static Tensor softmax(Tensor x) { return Softmax.softmax(x); }
  public static Tensor softmax(Tensor x, Tensor mask) { return Softmax.softmax(x, mask); }
  public static Tensor logSoftmax(Tensor x) { return Softmax.logSoftmax(x); }
  public static Tensor logSoftmax(Tensor x, Tensor mask) { return Softmax.logSoftmax(x, mask); }
  public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double eps) { return LayerNorm.apply(x, gamma, beta, eps); }

  // ---- shape and layout ---------------------------------------------------------------------
  public static Tensor reshape(Tensor x, int... shape) { return x.reshape(shape); }
  public static Tensor permute(Tensor x, int... perm) { return Permute.apply(x, perm); }
  public static Tensor transpose(Tensor x, int a, int b) { return Permute.transpose(x, a, b); }
  public static Tensor slice(Tensor x, int axis, int from, int to) { return Slice.apply(x, axis, from, to); }
  public static Tensor slice(Tensor x, int axis, int from, int to, int step) { return Slice.apply(x, axis, from, to, step); }
  public static Tensor concat(List<Tensor> xs, int axis) { return Concat.apply(xs, axis); }
  public static Tensor concat(int axis, Tensor... xs) { return Concat.apply(List.of(xs), axis); }

  // ---- indexing (message passing) -----------------------------------------------------------
  public static Tensor indexSelect(Tensor x, Tensor idx) { return Index.select(x, idx); }
  public static Tensor scatterAdd(Tensor src, Tensor idx, int n) { return Index.scatterAdd(src, idx, n); }
  public static Tensor gather(Tensor x, Tensor idx) { return Index.gather(x, idx); }
  public static Tensor oneHot(Tensor idx, int k, DType dtype) { return OneHot.apply(idx, k, dtype); }
  public static Tensor where(Tensor mask, Tensor x, double fill) { return Where.apply(mask, x, fill); }

  // ---- noise --------------------------------------------------------------------------------
  public static Tensor dropout(Tensor x, double p, long seed, long offset, boolean training) { return Dropout.apply(x, p, seed, offset, training); }
  public static GumbelSoftmax.Sample gumbelSoftmax(Tensor logits, Tensor mask, double tau, long seed, long offset) { return GumbelSoftmax.sample(logits, mask, tau, seed, offset); }
  public static GumbelSoftmax.Sample gumbelArgmax(Tensor logits, Tensor mask, double tau) { return GumbelSoftmax.deterministic(logits, mask, tau); }

  // ---- losses (elementwise; reduce with a masked mean) --------------------------------------
  public static Tensor gammaNll(Tensor x, Tensor alpha, Tensor beta, Tensor mask) { return GammaNll.apply(x, alpha, beta, mask); }
  public static Tensor bceWithLogits(Tensor logits, Tensor targets, Tensor mask) { return BceWithLogits.apply(logits, targets, mask); }
}
