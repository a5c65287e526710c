package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mainspring.nn.Mlp;
import dev.mainspring.nn.Parameter;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Reduce;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.core.RandomProviderDefaultState;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training resumed from a checkpoint continues exactly as if it had never stopped. */
class TrainingCheckpointTest {
  @TempDir Path dir;

  private static void trainStep(Mlp mlp, AdamW opt, Tensor x) {
    try (Scope s = Scope.open()) {
      mlp.zeroGrad();
      Autograd.backward(Reduce.meanAll(Elementwise.square(mlp.forward(x))));
      opt.step();
    }
  }

  @Test
  void resumedTrainingMatchesUninterruptedTrainingBitForBit() throws IOException {
    Tensor x = new Rand(3).f32(16, 5);
    Mlp a = new Mlp(RandomSource.XO_RO_SHI_RO_128_PP.create(1), 5, 8, 3);
    AdamW optA = AdamW.builder().lr(0.01).decayIf(AdamW.DECAY_MATRICES).build(a.namedParameters());
    RestorableUniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42);
    for (int i = 0; i < 3; i++) {
      trainStep(a, optA, x);
      rng.nextLong();
    }
    Path file = dir.resolve("ck.safetensors");
    byte[] state = ((RandomProviderDefaultState) rng.saveState()).getState();
    TrainingCheckpoint.save(file, a, optA, state, "{\"note\":\"test\"}");

    // A different model and a fresh optimiser, then restored.
    Mlp b = new Mlp(RandomSource.XO_RO_SHI_RO_128_PP.create(99), 5, 8, 3);
    AdamW optB = AdamW.builder().lr(0.01).decayIf(AdamW.DECAY_MATRICES).build(b.namedParameters());
    TrainingCheckpoint.Restored r = TrainingCheckpoint.restore(file, b, optB);
    assertEquals(3, r.step());
    assertEquals(3, optB.stepCount());
    RestorableUniformRandomProvider rngB = RandomSource.XO_RO_SHI_RO_128_PP.create(0);
    rngB.restoreState(new RandomProviderDefaultState(r.rngState()));
    assertEquals(rng.nextLong(), rngB.nextLong());

    for (int i = 0; i < 2; i++) {
      trainStep(a, optA, x);
      trainStep(b, optB, x);
    }
    for (String name : a.namedParameters().keySet()) {
      Parameter pa = a.namedParameters().get(name);
      Parameter pb = b.namedParameters().get(name);
      assertArrayEquals(pa.value().toFloatArray(), pb.value().toFloatArray(), 0f, name);
    }
    optA.release();
    optB.release();
    a.release();
    b.release();
    x.release();
  }
}
