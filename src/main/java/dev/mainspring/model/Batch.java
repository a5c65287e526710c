package dev.mainspring.model;

import dev.mainspring.data.Observation;
import dev.mainspring.data.TrainingExample;
import java.util.List;

/**
 * Examples padded to the batch's largest S, with the site mask every op honours. Built from
 * training examples (targets present) or from observations alone (inference).
 * Contract: the model issue implements the tensors it needs behind these factories.
 */
public final class Batch {
  private final List<Observation> observations;
  private final List<TrainingExample> examples;

  private Batch(List<Observation> observations, List<TrainingExample> examples) {
    this.observations = List.copyOf(observations);
    this.examples = examples == null ? null : List.copyOf(examples);
  }

  /** A training batch: observations plus every target. */
  public static Batch ofExamples(List<TrainingExample> examples) {
    return new Batch(examples.stream().map(TrainingExample::observation).toList(), examples);
  }

  /** An inference batch: genotypes and positions only. */
  public static Batch ofObservations(List<Observation> observations) {
    return new Batch(observations, null);
  }

  public int size() {
    return observations.size();
  }

  public List<Observation> observations() {
    return observations;
  }

  /** The training examples, or null for an inference batch. */
  public List<TrainingExample> examples() {
    return examples;
  }
}
