package dev.mainspring.model;

import dev.mainspring.data.Observation;
import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.sim.TreeSequence;

/**
 * The inferred ARG of one dataset as a tree sequence (MODEL.md, "Building the ARG"): the
 * prediction's argmax targets threaded per site, with each run of sites where a sample keeps its
 * target and the breakpoint head sees no switch merged into one join node at the run's mean predicted
 * time ({@link JoinRuns}), and the observed genotypes placed as mutations.
 */
public final class PredictedArg {
  private PredictedArg() {}

  public static TreeSequence build(Prediction p, Observation o) {
    if (p.n() != o.n() || p.S() != o.S()) {
      throw new IllegalArgumentException("prediction is for n=" + p.n() + ", S=" + p.S() + " but the dataset has n="
          + o.n() + ", S=" + o.S());
    }
    JoinRuns.Smoothed runs = JoinRuns.smooth(p.n(), p.S(), p.target(), p.joinTime(), p.breakpointProb());
    return ThreadingArgBuilder.build(o.n(), o.sequenceLength(), o.positions(), p.target(), runs.joinTime(),
        runs.switches(), o.genotypes());
  }
}
