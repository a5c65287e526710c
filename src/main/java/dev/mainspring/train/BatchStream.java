package dev.mainspring.train;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.ExampleStream;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Batch;
import dev.mainspring.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Training batches made off the training thread: simulation workers ({@link ExampleStream}) feed
 * an assembler thread that builds {@link Batch}es for steps first, first+1, ... into a bounded
 * queue. Step t's batch holds training examples t·B .. t·B+B-1 of the run's data stream, simulated
 * under the curriculum phase of step t; at a phase boundary the assembler opens a new example
 * stream at the boundary's example index. So the batches are a function of (seed, t) alone, and a
 * stream started at the resume step continues the uninterrupted run's data exactly. (An example
 * with no segregating site is swapped for its own deterministic replacement: {@link UsableExamples}.)
 *
 * <p>{@link #take} reports how long the training thread waited: the queue-wait time, zero when the
 * data pipeline keeps ahead.
 */
public final class BatchStream implements AutoCloseable {
  /** One step's batch, with the phase it was simulated under and the training thread's wait. */
  public record StepBatch(long step, Curriculum.Phase phase, Batch batch, List<TrainingExample> examples,
      long waitNanos) {}

  private record Failure(Throwable cause) {}

  private final ModelConfig model;
  private final Curriculum curriculum;
  private final int batchSize;
  private final long dataSeed;
  private final int threads;
  private final BlockingQueue<Object> queue;
  private final Thread assembler;
  private volatile boolean closed;
  private long expected;

  /**
   * @param firstStep the step of the first batch (the resume step, or 0)
   * @param endStep one past the last step
   * @param batchesAhead bound of the batch queue
   */
  public BatchStream(ModelConfig model, Curriculum curriculum, int batchSize, long seed, long firstStep,
      long endStep, int threads, int batchesAhead) {
    if (batchSize < 1 || threads < 1 || batchesAhead < 1 || firstStep < 0) {
      throw new IllegalArgumentException("need batch size, threads and queue bound ≥ 1 and a first step ≥ 0");
    }
    this.model = model;
    this.curriculum = curriculum;
    this.batchSize = batchSize;
    this.dataSeed = DataSeeds.trainingData(seed);
    this.threads = threads;
    this.queue = new ArrayBlockingQueue<>(batchesAhead);
    this.expected = firstStep;
    this.assembler = Thread.ofPlatform().daemon().name("batches").unstarted(() -> assemble(firstStep, endStep));
    assembler.start();
  }

  /** The simulator settings of a phase: the model's data shape and the phase's prior. */
  public static ExampleSimulator.Config simulatorConfig(ModelConfig model, Curriculum.Phase phase) {
    return ExampleSimulator.Config.prior(model.samples(), model.sequenceLength(), model.mu(), model.rho(),
        phase.prior()).withMaxSites(model.maxSites());
  }

  private void assemble(long first, long end) {
    ExampleStream examples = null;
    ExampleSimulator replacements = null;
    int streamPhase = -1;
    try {
      for (long step = first; step < end && !closed; step++) {
        Curriculum.Phase phase = curriculum.at(step);
        if (phase.number() != streamPhase) {
          if (examples != null) {
            examples.close();
          }
          examples = new ExampleStream(simulatorConfig(model, phase), dataSeed,
              DataSeeds.exampleIndex(step, batchSize, 0), threads, Math.max(2 * batchSize, threads));
          replacements = new ExampleSimulator(simulatorConfig(model, phase));
          streamPhase = phase.number();
        }
        List<TrainingExample> list = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
          list.add(UsableExamples.of(examples.next(), replacements, dataSeed, DataSeeds.exampleIndex(step, batchSize,
              b)));
        }
        queue.put(new StepBatch(step, phase, Batch.ofExamples(list), List.copyOf(list), 0));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      if (!closed) {
        queue.offer(new Failure(e));
      }
    } finally {
      if (examples != null) {
        examples.close();
      }
    }
  }

  /** The next step's batch, in step order; blocks until it is ready. */
  public StepBatch take() throws InterruptedException {
    long t0 = System.nanoTime();
    Object item = queue.take();
    long waited = System.nanoTime() - t0;
    if (item instanceof Failure f) {
      throw new IllegalStateException("training data pipeline failed: " + f.cause(), f.cause());
    }
    StepBatch b = (StepBatch) item;
    if (b.step() != expected) {
      throw new IllegalStateException("batch for step " + b.step() + " arrived when step " + expected
          + " was due");
    }
    expected++;
    return new StepBatch(b.step(), b.phase(), b.batch(), b.examples(), waited);
  }

  @Override
  public void close() {
    closed = true;
    assembler.interrupt();
    try {
      assembler.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
