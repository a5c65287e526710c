package dev.mainspring.model;

import dev.mainspring.data.Observation;
import dev.mainspring.data.ThreadingArgBuilder;
import dev.mainspring.sim.TreeSequence;

/**
 * The inferred ARG of one dataset as a tree sequence (MODEL.md, "Building the ARG"): the
 * prediction's argmax targets and point-estimate join times threaded per site, a new join node
 * wherever the breakpoint head says b̂ &gt; 0.5, and the observed genotypes placed as mutations.
 */
public final class PredictedArg {
  /** b̂ above which sample i's join node is a new tree-sequence node at that site. */
  public static final double SWITCH_THRESHOLD = 0.5;

  private PredictedArg() {}

  public static TreeSequence build(Prediction p, Observation o) {
    if (p.n() != o.n() || p.S() != o.S()) {
      throw new IllegalArgumentException("prediction is for n=" + p.n() + ", S=" + p.S() + " but the dataset has n="
          + o.n() + ", S=" + o.S());
    }
    byte[] switches = new byte[p.n() * p.S()];
    for (int k = 0; k < switches.length; k++) {
      switches[k] = (byte) (p.breakpointProb()[k] > SWITCH_THRESHOLD ? 1 : 0);
    }
    return ThreadingArgBuilder.build(o.n(), o.sequenceLength(), o.positions(), p.target(), p.joinTime(), switches,
        o.genotypes());
  }
}
