package dev.mainspring.bench;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.sim.AncestryTables;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.HudsonSimulator;
import dev.mainspring.sim.RateMap;
import dev.mainspring.sim.Seeds;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The coalescent simulator at issue 3's settings (N = 1e4, mu = 1.25e-8, rho = 1e-8): ancestry
 * alone and the full training example (mutations, genotypes, targets). msprime 1.4.2's C core on
 * the same machine type: 0.66 / 0.93 ms (50 genomes, 100 kb) and 13.8 / 18.2 ms (100 genomes,
 * 1 Mb). {@code -prof gc} reports allocation per example. Each invocation simulates a new example
 * index, so the benchmark averages over replicates rather than timing one replicate again.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar SimulatorBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SimulatorBench {
  /** samples:length. */
  @Param({"50:100000", "100:1000000"})
  public String setting;

  private int samples;
  private RateMap map;
  private final Demography demography = Demography.constant(1e4);
  private final HudsonSimulator ancestry = new HudsonSimulator();
  private ExampleSimulator full;
  private int[] perDeme;
  private long index;

  @Setup(Level.Trial)
  public void setUp() {
    String[] p = setting.split(":");
    samples = Integer.parseInt(p[0]);
    double length = Double.parseDouble(p[1]);
    map = RateMap.uniform(length, 1e-8);
    perDeme = new int[] {samples};
    full = new ExampleSimulator(ExampleSimulator.Config.fixed(samples, length, 1.25e-8, 1e-8, demography));
  }

  @Benchmark
  public AncestryTables ancestry() {
    return ancestry.simulate(perDeme, demography, map, Seeds.rng(Seeds.example(1, index++)));
  }

  @Benchmark
  public TrainingExample fullExample() {
    return full.simulate(1, index++);
  }
}
