package dev.mainspring.model;

import java.util.List;

/**
 * What inference and evaluation need of a model: {@link MainspringModel#predict}, as
 * {@code model::predict}. Lets their pipelines be tested with a stand-in.
 */
@FunctionalInterface
public interface Predictor {
  List<Prediction> predict(Batch batch, int posteriorSamples, long seed);
}
