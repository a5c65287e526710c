package dev.mainspring.model;

/**
 * The model's answer for one dataset at inference (argmax copying targets, no Gumbel noise).
 * Per-sample-and-site arrays are row-major {@code [i * S + l]} over the dataset's own (unpadded)
 * S; row 0 is unused (target -1, times 0).
 *
 * @param target ĵ_i(l), the hard copying target (j < i)
 * @param gammaShape α_i(l) of the Gamma posterior over the scaled join time t/s
 * @param gammaRate β_i(l)
 * @param timeScale s = 2 N_W used to scale times (generations = s · scaled time)
 * @param joinTime point estimate s·α/β of the join time in generations
 * @param breakpointProb b̂_i(l) (site 0: 0)
 * @param expectedSfs ŝ_k for k = 1..n-1 from the predicted ARG (MODEL.md, differentiable SFS)
 * @param gridTimes the K = 32 grid times t_k in generations
 * @param log10NeMedian posterior median of log10 N_e(t_k)
 * @param log10NeLo 5% posterior quantile of log10 N_e(t_k)
 * @param log10NeHi 95% posterior quantile of log10 N_e(t_k)
 */
public record Prediction(int n, int S, int[] target, float[] gammaShape, float[] gammaRate, double timeScale,
    float[] joinTime, float[] breakpointProb, double[] expectedSfs, double[] gridTimes, double[] log10NeMedian,
    double[] log10NeLo, double[] log10NeHi) {}
