package dev.mainspring.model;

import dev.mainspring.tensor.Tensor;

/**
 * One training step's losses, each a scalar tensor already reduced per MODEL.md (mean per example
 * over valid entries, then mean over the batch). {@code total} is on the tape; call
 * {@code Autograd.backward(total)}. The other terms are for logging (read them with item()).
 *
 * @param entropy mean entropy (nats) of the Gumbel-softmax soft copying distributions over valid
 *     (i ≥ 1, site) entries: the seed's "Gumbel-softmax entropy" diagnostic
 */
public record LossTerms(Tensor total, Tensor topo, Tensor time, Tensor sfs, Tensor demo, double entropy) {}
