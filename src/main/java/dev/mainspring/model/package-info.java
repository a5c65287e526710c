/**
 * The Mainspring network (MODEL.md) behind {@link dev.mainspring.model.MainspringModel}.
 *
 * <p>One forward pass: {@link dev.mainspring.model.BatchTensors} pads a {@link
 * dev.mainspring.model.Batch} to its largest S with a site mask; {@code encoder} maps D [B, n, S]
 * to Z [B, n, S, d]; {@code topology} turns Z into copying logits [B, S, n, n] (with the windowed
 * mismatch bias) and breakpoint logits; Gumbel-softmax gives hard targets, drawn per example so
 * that neither batchmates nor padding change an example's losses; {@code dating} runs the GNN on
 * the hard copying trees and emits Gamma posteriors over t/s; {@link
 * dev.mainspring.model.ThreadedTrees} threads the hard per-site trees for the differentiable SFS;
 * {@code demo} (Stage 4) turns predicted times and pooled GNN states into the flow's context.
 * {@link dev.mainspring.model.ModelLosses} reduces every term per example over its own valid
 * entries, then over the batch. {@link dev.mainspring.model.PredictedArg} writes a prediction's
 * ARG as a tree sequence.
 */
package dev.mainspring.model;
