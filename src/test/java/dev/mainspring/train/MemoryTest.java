package dev.mainspring.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.nn.Mlp;
import dev.mainspring.tensor.Autograd;
import dev.mainspring.tensor.Backend;
import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Rand;
import dev.mainspring.tensor.Scope;
import dev.mainspring.tensor.Tape;
import dev.mainspring.tensor.Tensor;
import dev.mainspring.tensor.ops.Arith;
import dev.mainspring.tensor.ops.Elementwise;
import dev.mainspring.tensor.ops.Reduce;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * A training loop with one Scope per step must not grow the CPU backend's off-heap memory: after
 * warm-up, the allocator's reserve and its count of system allocations stay exactly flat.
 */
class MemoryTest {
  @Test
  void twoThousandStepsDoNotGrowOffHeapMemory() {
    Backend cpu = Backends.cpu();
    Rand rand = new Rand(11);
    Tensor x = rand.f32(64, 8);
    Tensor target = rand.f32(64, 4);
    Mlp model = new Mlp(RandomSource.XO_RO_SHI_RO_128_PP.create(3), 8, 32, 4);
    AdamW opt = AdamW.builder().lr(3e-3).decayIf(AdamW.DECAY_MATRICES)
        .build(model.namedParameters());
    CosineSchedule schedule = new CosineSchedule(3e-3, 2000, 50, 1e-4);

    Backend.MemoryStats warm = null;
    long inUseAfterWarmup = -1;
    double firstLoss = Double.NaN;
    double lastLoss = Double.NaN;
    for (int step = 0; step < 2000; step++) {
      try (Scope s = Scope.open()) {
        model.zeroGrad();
        Tensor err = Arith.sub(model.forward(x), target);
        Tensor loss = Reduce.meanAll(Elementwise.square(err));
        Autograd.backward(loss);
        GradClip.Result norm = GradClip.clipGlobalNorm(model.parameters(), 1.0);
        assertTrue(norm.finite());
        opt.setLr(schedule.lr(step));
        opt.step();
        double l = loss.item();
        firstLoss = step == 0 ? l : firstLoss;
        lastLoss = l;
      }
      assertEquals(0, Tape.size());
      if (step == 100) {
        warm = cpu.memoryStats();
        inUseAfterWarmup = warm.bytesInUse();
      }
      if (step > 100 && step % 100 == 0) {
        assertEquals(inUseAfterWarmup, cpu.memoryStats().bytesInUse(), "step " + step);
      }
    }
    Backend.MemoryStats end = cpu.memoryStats();
    assertEquals(warm.bytesReserved(), end.bytesReserved(), "off-heap reserve grew");
    assertEquals(warm.systemAllocations(), end.systemAllocations(), "new system allocations");
    assertEquals(inUseAfterWarmup, end.bytesInUse());
    assertTrue(lastLoss < 0.5 * firstLoss, "it trained: " + firstLoss + " → " + lastLoss);

    long live = end.bytesInUse();
    opt.release();
    model.release();
    x.release();
    target.release();
    assertTrue(cpu.memoryStats().bytesInUse() < live);
  }
}
