package dev.mainspring.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The host emulation plays blocks with their real thread count, so the kernel tests it runs check
 * block-level code (barriers, shuffles, shared memory) and fail on what a GPU leaves undefined. These
 * tests run the probe kernels of {@code src/test/cuda/emulation_probes.cu} wherever g++ and libffi are
 * present, GPU or not: a kernel test passing under the emulation means little unless these hold.
 */
class EmulationRulesTest {
  private static final String MODULE = "emulation_probes";
  private static String skip;
  private static HostEmulationRuntime runtime;

  @BeforeAll
  static void open() {
    skip = HostEmulationRuntime.unavailableReason();
    if (skip == null) {
      runtime = new HostEmulationRuntime();
    }
  }

  @AfterAll
  static void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @BeforeEach
  void requireEmulation() {
    assumeTrue(skip == null, skip);
  }

  private static long upload(float[] values) {
    long p = runtime.memory().allocate(4L * values.length);
    runtime.upload(p, MemorySegment.ofArray(values));
    return p;
  }

  private static float[] download(long pointer, int n) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment host = arena.allocate(4L * n);
      runtime.download(host, pointer);
      return host.toArray(ValueLayout.JAVA_FLOAT);
    }
  }

  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % 7 + 0.5f * (i % 3);
    }
    return v;
  }

  @Test
  void blockSumsAgreeForOneWarpAndManyWarps() {
    int n = 1000;
    int blocks = 3;
    float[] x = ramp(blocks * n);
    for (int block : new int[] {32, 96, 256, 1024}) {
      long in = upload(x);
      long out = upload(new float[blocks]);
      runtime.launch(MODULE, "probe_block_sum", blocks, block, 0, new KernelArgs().ptr(in).ptr(out).i32(n));
      float[] got = download(out, blocks);
      for (int b = 0; b < blocks; b++) {
        double want = 0;
        for (int i = 0; i < n; i++) {
          want += x[b * n + i];
        }
        // Small integers and halves: every partial sum is exact in float.
        assertEquals(want, got[b], 0.0, "block " + b + " of " + block + " threads");
      }
    }
  }

  @Test
  void sharedMemoryIsSharedAcrossABarrier() {
    int block = 64;
    int blocks = 2;
    float[] x = ramp(block * blocks);
    long in = upload(x);
    long out = upload(new float[x.length]);
    runtime.launch(MODULE, "probe_reverse", blocks, block, block * 4, new KernelArgs().ptr(in).ptr(out).i32(1));
    float[] got = download(out, x.length);
    for (int b = 0; b < blocks; b++) {
      for (int t = 0; t < block; t++) {
        assertEquals(x[b * block + block - 1 - t], got[b * block + t], 0.0);
      }
    }
  }

  @Test
  void aMissingBarrierShowsInEveryBlock() {
    int block = 64;
    int blocks = 2; // block 0 runs its threads forward, block 1 backward
    float[] x = ramp(block * blocks);
    long in = upload(x);
    long out = upload(new float[x.length]);
    runtime.launch(MODULE, "probe_reverse", blocks, block, block * 4, new KernelArgs().ptr(in).ptr(out).i32(0));
    float[] got = download(out, x.length);
    for (int b = 0; b < blocks; b++) {
      int unwritten = 0;
      for (int t = 0; t < block; t++) {
        unwritten += Float.isNaN(got[b * block + t]) ? 1 : 0;
      }
      assertTrue(unwritten > 0, "block " + b + " read no unwritten shared value without its barrier");
    }
  }

  @Test
  void threadsAtDifferentBarriersFailTheLaunch() {
    long out = upload(new float[64]);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_divergent_barrier", 1, 64, 0, new KernelArgs().ptr(out)));
    assertTrue(e.getMessage().contains("threads wait at different __syncthreads"), e.getMessage());
    assertTrue(e.getMessage().contains("emulation_probes.cu"), e.getMessage());
  }

  @Test
  void aWarpSplitBetweenAShuffleAndABarrierIsADeadlock() {
    long out = upload(new float[32]);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_shuffle_barrier_deadlock", 1, 32, 0, new KernelArgs().ptr(out)));
    assertTrue(e.getMessage().contains("16 threads wait at __syncthreads, 16 at a shuffle, 0 have returned"),
        e.getMessage());
  }

  @Test
  void returnedThreadsDoNotHoldABarrier() {
    int live = 40;
    long out = upload(new float[64]);
    runtime.launch(MODULE, "probe_return_then_barrier", 1, 64, 64 * 4, new KernelArgs().ptr(out).i32(live));
    float[] got = download(out, live);
    float[] want = new float[live];
    for (int t = 0; t < live; t++) {
      want[t] = live - 1 - t;
    }
    assertArrayEquals(want, got, 0.0f);
  }

  @Test
  void aFullMaskShuffleInAPartialWarpFailsTheLaunch() {
    long in = upload(ramp(48));
    long out = upload(new float[1]);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_block_sum", 1, 48, 0, new KernelArgs().ptr(in).ptr(out).i32(48)));
    assertTrue(e.getMessage().contains("only 16 lanes exist"), e.getMessage());
  }

  @Test
  void writesPastTheDynamicSharedBytesFailTheLaunch() {
    long out = upload(new float[1]);
    runtime.launch(MODULE, "probe_shared_writes", 1, 32, 256 * 4, new KernelArgs().ptr(out).i32(256));
    assertEquals(1.0f, download(out, 1)[0]);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_shared_writes", 1, 32, 256 * 4, new KernelArgs().ptr(out).i32(257)));
    assertTrue(e.getMessage().contains("wrote past its 1024 B of dynamic shared memory"), e.getMessage());
  }

  @Test
  void launchesAGpuWouldRefuseFail() {
    long out = upload(new float[1]);
    IllegalStateException tooMuchShared = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_shared_writes", 1, 32, 48 * 1024 + 4, new KernelArgs().ptr(out).i32(1)));
    assertTrue(tooMuchShared.getMessage().contains("49156 B of dynamic shared memory"), tooMuchShared.getMessage());
    IllegalStateException tooManyThreads = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_divergent_barrier", 1, 1025, 0, new KernelArgs().ptr(out)));
    assertTrue(tooManyThreads.getMessage().contains("block 1025"), tooManyThreads.getMessage());
  }

  @Test
  void launchesAreCheckedAgainstTheKernelsDeclaredParameters() {
    long out = upload(new float[5]);
    runtime.launch(MODULE, "probe_wide_count", 1, 32, 0, new KernelArgs().ptr(out).i64(5));
    assertArrayEquals(new float[] {2, 2, 2, 2, 2}, download(out, 5), 0.0f);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> runtime.launch(MODULE, "probe_wide_count", 1, 32, 0, new KernelArgs().ptr(out).i32(5)));
    assertTrue(e.getMessage().contains("launched with arguments PI but declared with PL"), e.getMessage());
  }

  @Test
  void blocksThatDependOnEachOtherGetDifferentResultsFromTwoLaunches() {
    int blocks = 8;
    float[][] results = new float[2][];
    for (int launch = 0; launch < 2; launch++) {
      long out = upload(new float[blocks]);
      runtime.launch(MODULE, "probe_block_chain", blocks, 32, 0, new KernelArgs().ptr(out));
      results[launch] = download(out, blocks);
    }
    assertFalse(Arrays.equals(results[0], results[1]),
        "blocks ran in the same order twice: " + Arrays.toString(results[0]));
  }
}
