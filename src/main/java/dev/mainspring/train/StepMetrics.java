package dev.mainspring.train;

/**
 * What one training step logs.
 *
 * @param step the step index t (0-based)
 * @param phase curriculum phase 1..4
 * @param gradNorm global gradient norm before clipping
 * @param examplesPerSecond batch size over the step's wall time (data wait included)
 * @param queueWaitMs how long the training thread waited for this step's batch
 * @param stepMs wall time of the step, wait included
 */
public record StepMetrics(long step, int phase, double tau, double lr, LossValues loss, double gradNorm,
    double examplesPerSecond, double queueWaitMs, double stepMs) {}
