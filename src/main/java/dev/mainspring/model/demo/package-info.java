/**
 * Stage 4 of MODEL.md, the demographic decoder: from what stages 1–3 inferred (join times, pooled
 * GNN states) and simple summaries of the data, a posterior over y = log10 N_e(t_k) on the
 * simulator's 32-point grid.
 *
 * <ul>
 *   <li>{@link dev.mainspring.model.demo.DemographicDecoder} — the module: context MLP, the
 *       conditional affine flow's coupling networks, the loss and the posterior summaries.
 *   <li>{@link dev.mainspring.model.demo.PriorStatistics} — standardisation constants and the ridge
 *       Gaussian of the KL term, refitted deterministically from fixed-seed prior draws, so no
 *       checkpoint has to carry them.
 *   <li>{@link dev.mainspring.model.demo.FoldedSfs} — the folded, 16-bin SFS feature for any n.
 * </ul>
 *
 * <p>Choices MODEL.md leaves open, and what this package does:
 * <ul>
 *   <li>The join-time histogram is SoftHistogram's mean over valid entries of unnormalised
 *       Gaussian kernels (σ = one bin width), divided by √(2π) so an entry inside [0, 6] adds mass
 *       ≈ 1 in total: a distribution over bins whatever n and S are.
 *   <li>log10 N_W uses N_W = s/2 (s = Observation.timeScale()); log S is natural, with S = 0 read
 *       as S = 1. Both enter unscaled: their ranges (≈ 2–5 and ≈ 4–10) are mild for the MLP.
 *   <li>The context MLP has one hidden layer of the context width (GELU).
 *   <li>The coupling networks' last layers start at zero, so the untrained q(·|c) is N(0, I) in
 *       standardised space — the prior's marginals — and the first gradients reach only those
 *       layers (as Glow and RealNVP initialise).
 *   <li>The KL's base draws and the posterior's come from Seeds.rng of the caller's seed (per
 *       example stream for the posterior), generated on the host: B·4·32 normals per step.
 * </ul>
 */
package dev.mainspring.model.demo;
