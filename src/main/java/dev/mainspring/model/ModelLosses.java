package dev.mainspring.model;

import dev.mainspring.tensor.F;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.DifferentiableSfs;

/**
 * The loss terms of MODEL.md ("Losses", "Reduction"). Each returns a [B] vector: the term's mean
 * over the example's own valid entries, so padding never changes a value; the caller averages over
 * the batch.
 */
final class ModelLosses {
  private ModelLosses() {}

  /** Σ over every axis but the first of x [B, ...], divided by count [B]. */
  static Tensor perExampleMean(Tensor x, Tensor count) {
    Tensor summed = F.sum(x.reshape(x.dim(0), -1), 1, false);
    return F.div(summed, count);
  }

  /**
   * Copying part of L_topo: −log Σ_{j ∈ J*} α_ij per valid (i ≥ 1, site) entry. With lse_J and
   * lse_all the log-sum-exp of the logits over J* and over all j &lt; i,
   * log Σ_{J*} α = lse_J − lse_all = logα_all[j] − logα_J[j] at any j ∈ J*; the canonical target
   * min J* is one, so picking it with its one-hot is exact.
   */
  static Tensor copying(Tensor logits, BatchTensors bt) {
    Tensor logAll = F.logSoftmax(logits, bt.causalMask);
    Tensor logSet = F.logSoftmax(logits, bt.targets.targetSet);
    Tensor perEntry = F.mul(F.sub(logSet, logAll), bt.targets.canonical);
    return perExampleMean(perEntry, bt.validCount);
  }

  /** Breakpoint part of L_topo: mean BCE over i ≥ 1 and real sites l ≥ 1; zeros when S = 1. */
  static Tensor breakpoints(Tensor breakpointLogits, BatchTensors bt) {
    if (breakpointLogits == null) {
      return F.scale(bt.validCount, 0.0);
    }
    Tensor bce = F.bceWithLogits(breakpointLogits, bt.targets.switches, bt.targets.switchMask);
    return perExampleMean(bce, bt.targets.switchCount);
  }

  /** L_time: Gamma NLL of t* / s under (α, β) [B, n, S], mean over valid entries. */
  static Tensor time(Tensor alpha, Tensor beta, BatchTensors bt) {
    Tensor nll = F.gammaNll(bt.targets.scaledJoinTime, alpha, beta, bt.validSampleMajor);
    return perExampleMean(nll, bt.validCount);
  }

  /** L_SFS of the expected spectrum ŝ [B, n−1] against the observed one. */
  static Tensor sfs(Tensor expected, BatchTensors bt) {
    return DifferentiableSfs.loss(expected, bt.observedSfs, bt.numSites);
  }
}
