package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.nn.Mlp;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Reduce;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation keeps the last k and the best; restore brings back weights, moments and trainer state. */
class CheckpointStoreTest {
  @TempDir Path dir;

  private static final TrainConfig CONFIG = TrainConfig.preset("smoke").withSteps(40);

  private static Mlp mlp(long seed) {
    return new Mlp(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), 4, 6, 2);
  }

  private static void step(Mlp m, AdamW opt, Tensor x) {
    try (Scope s = Scope.open()) {
      Autograd.backward(Reduce.meanAll(Elementwise.square(m.forward(x))));
      opt.step();
      m.zeroGrad();
    }
  }

  private static TrainerState state(long step) {
    return new TrainerState(step, 0.7, 4, List.of(2.0, Double.NaN), List.of(0.9, 0.7));
  }

  @Test
  void keepsTheLastKStepCheckpointsAndTheBest() throws Exception {
    Mlp m = mlp(1);
    AdamW opt = AdamW.builder().build(m.namedParameters());
    CheckpointStore store = new CheckpointStore(dir, 2);
    for (long s : new long[] {5, 10, 15, 20}) {
      store.save(m, opt, CONFIG, state(s));
      if (s == 10) {
        store.saveBest(m, opt, CONFIG, state(s));
      }
    }
    List<Path> left = CheckpointStore.stepFiles(store.dir());
    assertEquals(List.of(store.dir().resolve("step-00000015.ckpt"), store.dir().resolve("step-00000020.ckpt")), left);
    assertTrue(Files.exists(store.dir().resolve(CheckpointStore.BEST)));
    assertEquals(store.dir().resolve("step-00000020.ckpt"), CheckpointStore.latest(dir).orElseThrow());
    assertEquals(10, CheckpointStore.peek(store.dir().resolve(CheckpointStore.BEST)).state().step());
  }

  @Test
  void restoreBringsBackWeightsMomentsAndTrainerState() throws Exception {
    Tensor x = new Rand(5).f32(8, 4);
    Mlp a = mlp(1);
    AdamW optA = AdamW.builder().lr(0.01).build(a.namedParameters());
    for (int i = 0; i < 3; i++) {
      step(a, optA, x);
    }
    CheckpointStore store = new CheckpointStore(dir, 3);
    Path file = store.save(a, optA, CONFIG, state(3));
    Mlp b = mlp(2);
    AdamW optB = AdamW.builder().lr(0.01).build(b.namedParameters());
    TrainerState s = CheckpointStore.restore(file, b, optB, CONFIG);
    assertEquals(3, s.step());
    assertEquals(0.7, s.bestNeRmse());
    assertEquals(4, s.bestStep());
    assertTrue(Double.isNaN(s.validationLosses().get(1)), "NaN survives as null");
    assertEquals(CONFIG, CheckpointStore.peek(file).config());
    step(a, optA, x);
    step(b, optB, x);
    for (String name : a.namedParameters().keySet()) {
      assertArrayEquals(a.namedParameters().get(name).value().toFloatArray(),
          b.namedParameters().get(name).value().toFloatArray(), name);
    }
  }

  @Test
  void aCheckpointOfAnotherSeedIsRefused() throws Exception {
    Mlp a = mlp(1);
    AdamW opt = AdamW.builder().build(a.namedParameters());
    Path file = new CheckpointStore(dir, 1).save(a, opt, CONFIG, state(3));
    TrainConfig other = TrainConfigJson.override(CONFIG, "{\"seed\": 99}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CheckpointStore.restore(file, mlp(1), AdamW.builder().build(mlp(1).namedParameters()), other));
    assertTrue(e.getMessage().contains("does not match"), e.getMessage());
  }
}
