package dev.mainspring.infer;

import dev.mainspring.data.Observation;
import dev.mainspring.model.PredictedArg;
import dev.mainspring.model.Prediction;
import dev.mainspring.sim.TreeSequence;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns the model's per-site outputs for a batch of windows into one tree sequence each
 * ({@link PredictedArg}: merged join runs, then ARG threading). The windows are independent, so
 * they are threaded in parallel; at a few milliseconds of host work per window, threading them one
 * after another would cap a GPU's inference throughput at a few hundred windows per second.
 */
public final class ArgThreading {
  private ArgThreading() {}

  /** {@link PredictedArg#build} for each (observation, prediction) pair, in order. */
  public static List<TreeSequence> threadAll(List<Observation> observations, List<Prediction> predictions) {
    if (observations.size() != predictions.size()) {
      throw new IllegalArgumentException(observations.size() + " observations but " + predictions.size()
          + " predictions");
    }
    TreeSequence[] out = new TreeSequence[observations.size()];
    IntStream.range(0, out.length).parallel()
        .forEach(k -> out[k] = PredictedArg.build(predictions.get(k), observations.get(k)));
    return Arrays.asList(out);
  }
}
