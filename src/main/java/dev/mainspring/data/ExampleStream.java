package dev.mainspring.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Training examples made by worker threads, handed out in index order: {@link #next} returns
 * example first, first+1, ... of the run, each identical to {@code ExampleSimulator.simulate(runSeed,
 * k)} whatever the number of threads. At most {@code capacity} examples are made ahead of the
 * consumer (the bounded queue SIMULATOR.md asks for); each worker owns one {@link ExampleSimulator}
 * and so its own native working memory.
 */
public final class ExampleStream implements AutoCloseable {
  private final long runSeed;
  private final int capacity;
  private final TrainingExample[] slots;
  private final long[] slotIndex;
  private final Semaphore room;
  private final AtomicLong nextToMake;
  private final List<Thread> workers = new ArrayList<>();
  private long nextToTake;
  private volatile Throwable failure;
  private volatile boolean closed;

  public ExampleStream(ExampleSimulator.Config config, long runSeed, long first, int threads, int capacity) {
    if (threads < 1 || capacity < 1) {
      throw new IllegalArgumentException("need at least one thread and a capacity of at least one");
    }
    this.runSeed = runSeed;
    this.capacity = capacity;
    this.slots = new TrainingExample[capacity];
    this.slotIndex = new long[capacity];
    java.util.Arrays.fill(slotIndex, -1);
    this.room = new Semaphore(capacity);
    this.nextToMake = new AtomicLong(first);
    this.nextToTake = first;
    for (int w = 0; w < threads; w++) {
      Thread t = Thread.ofPlatform().daemon().name("examples-" + w).unstarted(() -> work(config));
      workers.add(t);
      t.start();
    }
  }

  private void work(ExampleSimulator.Config config) {
    ExampleSimulator sim = new ExampleSimulator(config);
    try {
      while (!closed) {
        room.acquire();
        long k = nextToMake.getAndIncrement();
        TrainingExample ex = sim.simulate(runSeed, k);
        int slot = (int) Math.floorMod(k, (long) capacity);
        synchronized (this) {
          slots[slot] = ex;
          slotIndex[slot] = k;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** The next example in index order, waiting for it if needed. */
  public TrainingExample next() throws InterruptedException {
    int slot = (int) Math.floorMod(nextToTake, (long) capacity);
    TrainingExample ex;
    synchronized (this) {
      while (slotIndex[slot] != nextToTake) {
        if (failure != null) {
          throw new IllegalStateException("example worker failed", failure);
        }
        if (closed) {
          throw new IllegalStateException("stream closed");
        }
        wait();
      }
      ex = slots[slot];
      slots[slot] = null;
      slotIndex[slot] = -1;
    }
    nextToTake++;
    room.release();
    return ex;
  }

  @Override
  public void close() {
    closed = true;
    for (Thread t : workers) {
      t.interrupt();
    }
    synchronized (this) {
      notifyAll();
    }
  }
}
