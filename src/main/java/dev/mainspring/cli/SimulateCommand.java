package dev.mainspring.cli;

import dev.mainspring.data.ExampleSimulator;
import dev.mainspring.data.TrainingExample;
import dev.mainspring.io.AtomicFiles;
import dev.mainspring.io.TreesFile;
import dev.mainspring.io.TskitText;
import dev.mainspring.io.VcfWriter;
import dev.mainspring.sim.Demography;
import dev.mainspring.sim.TreeSequence;
import dev.mainspring.sim.TreeStats;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.sim.prior.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the coalescent simulator: per replicate a {@code .trees} file (the true tree sequence), a
 * VCF (the observed genotypes, errors included in phase 4), the demography as CSV, and optionally
 * tskit's text tables and one CSV row of statistics. Every input is checked before anything is
 * simulated, and all files are written to temporaries and renamed into place only when every
 * replicate has succeeded.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Simulate the coalescent with recombination (msprime's Hudson model, continuous genome), "
            + "infinite-sites mutations and genotypes.",
        "Times are in generations with msprime's diploid scaling: a pair of lineages coalesces at "
            + "rate 1/(2N)."})
final class SimulateCommand implements Callable<Integer> {
  static final String STATS_HEADER = "num_trees,num_nodes,num_edges,num_sites,tmrca_first_tree,tbl_first_tree,"
      + "sfs1,sfs2,sfs3,sfs4,sfs5,t_ancestry_s,t_total_s";

  @Spec CommandSpec spec;

  @Option(names = "--samples", paramLabel = "N",
      description = "Number of sample genomes (haploid) (default: ${DEFAULT-VALUE}). Note: msprime's "
          + "sim_ancestry(samples=k) counts individuals of --ploidy genomes; that reading is --individuals k "
          + "(= --samples 2k at ploidy 2).")
  int samples = 20;

  @Option(names = "--individuals", paramLabel = "K",
      description = "Instead of --samples: K individuals of --ploidy genomes each, msprime's reading of "
          + "sim_ancestry(samples=K, ploidy=P) (K x P genomes).")
  Integer individuals;

  @Option(names = "--ploidy", paramLabel = "P",
      description = "Genomes per individual in the .trees individuals and VCF columns (2: phased diploid "
          + "calls a|b; 1: haploid calls). The coalescent time scale is always diploid (default: ${DEFAULT-VALUE}).")
  int ploidy = 2;

  @Option(names = "--length", paramLabel = "BP", description = "Sequence length in bp (default: ${DEFAULT-VALUE}).")
  double length = 1e5;

  @Option(names = "--mu", paramLabel = "RATE",
      description = "Mutation rate per bp per generation (default: ${DEFAULT-VALUE}).")
  double mu = 1.25e-8;

  @Option(names = "--rho", paramLabel = "RATE",
      description = "Recombination rate per bp per generation; the mean rate under phase-4 hotspots "
          + "(default: ${DEFAULT-VALUE}).")
  double rho = 1e-8;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  DemographyChoice demography;

  static final class DemographyChoice {
    @Option(names = "--size", paramLabel = "N", description = "Constant diploid population size (default: 10000).")
    Double size;

    @Option(names = "--epochs", paramLabel = "t0:N0,t1:N1,...",
        description = "Piecewise-constant sizes: epoch k starts t_k generations ago with N_k diploids; "
            + "t0 must be 0 and times must increase.")
    String epochs;

    @Option(names = "--prior", paramLabel = "PHASE",
        description = "Draw each replicate's demography from a curriculum prior: phase1 (constant), phase2 "
            + "(1-2 changes), phase3 (1-7 changes, the seed's sample_demography), phase4 (phase3 plus island "
            + "migration, genotype errors and recombination hotspots).")
    String prior;
  }

  @Option(names = "--replicates", paramLabel = "R", description = "Number of replicates (default: ${DEFAULT-VALUE}).")
  int replicates = 1;

  @Option(names = "--seed", description = "Run seed; replicate r is a function of (seed, r) (default: ${DEFAULT-VALUE}).")
  long seed = 1;

  @Option(names = "--threads", description = "Worker threads; output does not depend on it (default: ${DEFAULT-VALUE}).")
  int threads = 1;

  @Option(names = "--out", paramLabel = "PREFIX",
      description = "Write PREFIX.trees, PREFIX.vcf and PREFIX.demography.csv (PREFIX_r.* per replicate when R > 1).")
  Path out;

  @Option(names = "--text", description = "Also write tskit's text tables (PREFIX.nodes.txt, .edges.txt, .sites.txt, "
      + ".mutations.txt, .individuals.txt, .populations.txt).")
  boolean text;

  @Option(names = "--stats", paramLabel = "FILE", description = "Write one CSV row per replicate: " + STATS_HEADER)
  Path stats;

  @Override
  public Integer call() {
    ExampleSimulator.Config config = validate();
    Summary summary;
    try (AtomicFiles.Staged staged = new AtomicFiles.Staged()) {
      summary = run(config, staged);
      if (stats != null) {
        staged.write(stats, summary.statsCsv().getBytes(StandardCharsets.UTF_8));
      }
      staged.commit();
    } catch (IOException e) {
      throw new UserError("cannot write output: " + e.getMessage(), e);
    }
    spec.commandLine().getErr().printf(Locale.ROOT, "simulated %d replicate(s): %s%n", replicates, summary.text());
    return 0;
  }

  /** Checks every input and returns the simulator configuration; throws a UserError otherwise. */
  ExampleSimulator.Config validate() {
    if (individuals != null) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--samples")) {
        throw new UserError("give --samples (genomes) or --individuals (individuals of --ploidy genomes), not both");
      }
      if (individuals < 1 || (long) individuals * ploidy > Integer.MAX_VALUE) {
        throw new UserError("--individuals must be a positive count, got " + individuals);
      }
      samples = individuals * Math.max(1, ploidy);
    }
    if (samples < 2) {
      throw new UserError("--samples must be at least 2 genomes, got " + samples);
    }
    if (ploidy < 1) {
      throw new UserError("--ploidy must be at least 1, got " + ploidy);
    }
    if (samples % ploidy != 0) {
      throw new UserError("--samples " + samples + " is not a multiple of --ploidy " + ploidy);
    }
    if (!(length > 0) || !Double.isFinite(length)) {
      throw new UserError("--length must be a positive number of bp, got " + length);
    }
    if (!(mu >= 0) || !Double.isFinite(mu)) {
      throw new UserError("--mu must be a finite rate >= 0, got " + mu);
    }
    if (!(rho >= 0) || !Double.isFinite(rho)) {
      throw new UserError("--rho must be a finite rate >= 0, got " + rho);
    }
    if (replicates < 1) {
      throw new UserError("--replicates must be at least 1, got " + replicates);
    }
    if (threads < 1) {
      throw new UserError("--threads must be at least 1, got " + threads);
    }
    if (out != null) {
      requireWritableDirectory(out, "--out");
    }
    if (stats != null) {
      requireWritableDirectory(stats, "--stats");
      if (Files.isDirectory(stats)) {
        throw new UserError("--stats " + stats + " is a directory");
      }
    }
    if (text && out == null) {
      throw new UserError("--text needs --out");
    }
    try {
      if (demography != null && demography.prior != null) {
        CurriculumPhase phase = CurriculumPhase.parse(demography.prior);
        return ExampleSimulator.Config.prior(samples, length, mu, rho, phase).withTables(true, ploidy);
      }
      Demography d = demography != null && demography.epochs != null ? parseEpochs(demography.epochs)
          : Demography.constant(sizeOrDefault());
      return ExampleSimulator.Config.fixed(samples, length, mu, rho, d).withTables(true, ploidy);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  private double sizeOrDefault() {
    double n = demography != null && demography.size != null ? demography.size : 10_000;
    if (!(n > 0) || !Double.isFinite(n)) {
      throw new UserError("--size must be a positive number of diploid individuals, got " + n);
    }
    return n;
  }

  static Demography parseEpochs(String spec) {
    String[] parts = spec.split(",");
    double[] times = new double[parts.length];
    double[] sizes = new double[parts.length];
    for (int k = 0; k < parts.length; k++) {
      String[] tn = parts[k].trim().split(":");
      if (tn.length != 2) {
        throw new UserError("--epochs entry '" + parts[k] + "' is not time:size");
      }
      try {
        times[k] = Double.parseDouble(tn[0].trim());
        sizes[k] = Double.parseDouble(tn[1].trim());
      } catch (NumberFormatException e) {
        throw new UserError("--epochs entry '" + parts[k] + "' is not two numbers time:size");
      }
      if (!(sizes[k] > 0) || !Double.isFinite(sizes[k])) {
        throw new UserError("--epochs sizes must be positive, got " + tn[1].trim() + " in '" + parts[k].trim() + "'");
      }
      if (!(times[k] >= 0) || !Double.isFinite(times[k])) {
        throw new UserError("--epochs times must be finite and >= 0, got " + tn[0].trim());
      }
      if (k > 0 && !(times[k] > times[k - 1])) {
        throw new UserError("--epochs times must be strictly increasing, got " + times[k - 1] + " then " + times[k]);
      }
    }
    if (times[0] != 0) {
      throw new UserError("--epochs must start at time 0 (the present), got " + times[0]);
    }
    return Demography.epochs(times, sizes);
  }

  private static void requireWritableDirectory(Path file, String option) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new UserError(option + " " + file + ": directory " + dir + " does not exist");
    }
    if (!Files.isWritable(dir)) {
      throw new UserError(option + " " + file + ": directory " + dir + " is not writable");
    }
  }

  /** Statistics rows of all replicates, in order. */
  private final class Summary {
    final String[] rows = new String[replicates];
    final AtomicLong sites = new AtomicLong();
    final AtomicLong trees = new AtomicLong();

    String statsCsv() {
      StringBuilder b = new StringBuilder(STATS_HEADER).append('\n');
      for (String row : rows) {
        b.append(row).append('\n');
      }
      return b.toString();
    }

    String text() {
      return String.format(Locale.ROOT, "%.1f trees and %.1f sites per replicate", trees.get() / (double) replicates,
          sites.get() / (double) replicates);
    }
  }

  private record Replicate(TrainingExample example, Scenario scenario, String row, int trees) {}

  /**
   * Simulates every replicate on the worker threads; each worker stages its replicate's files as
   * soon as it is made (memory stays proportional to the thread count), to be renamed into place
   * together once all have succeeded.
   */
  private Summary run(ExampleSimulator.Config config, AtomicFiles.Staged staged) throws IOException {
    int workers = Math.min(threads, replicates);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    AtomicLong next = new AtomicLong();
    Summary summary = new Summary();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        running.add(pool.submit(() -> {
          ExampleSimulator sim = new ExampleSimulator(config);
          for (long r; (r = next.getAndIncrement()) < replicates; ) {
            Replicate rep = replicate(sim, r);
            summary.rows[(int) r] = rep.row;
            summary.sites.addAndGet(rep.example.S);
            summary.trees.addAndGet(rep.trees);
            if (out != null) {
              stage(staged, (int) r, rep.example, rep.scenario);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
        throw new UserError(cause.getMessage());
      }
      throw new IllegalStateException("simulation failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted");
    } finally {
      pool.shutdownNow();
    }
    return summary;
  }

  private Replicate replicate(ExampleSimulator sim, long r) {
    TrainingExample ex = sim.simulate(seed, r);
    TreeSequence ts = ex.tables;
    TreeStats s = TreeStats.of(ts.toAncestryTables());
    StringBuilder row = new StringBuilder();
    row.append(s.numTrees).append(',').append(ts.numNodes()).append(',').append(ts.numEdges()).append(',')
        .append(ts.numSites()).append(',').append(s.tmrcaFirstTree).append(',').append(s.branchLengthFirstTree);
    for (int k = 1; k <= 5; k++) {
      row.append(',').append(k <= ex.n - 1 ? (long) ex.sfs[k - 1] : 0);
    }
    row.append(',').append(sim.lastAncestryNanos() / 1e9).append(',').append(sim.lastTotalNanos() / 1e9);
    return new Replicate(ex, sim.lastScenario(), row.toString(), s.numTrees);
  }

  private Path file(int r, String suffix) {
    String base = out.getFileName().toString();
    if (replicates > 1) {
      int width = String.valueOf(replicates - 1).length();
      base = base + "_" + String.format(Locale.ROOT, "%0" + width + "d", r);
    }
    return out.toAbsolutePath().resolveSibling(base + suffix);
  }

  private void stage(AtomicFiles.Staged staged, int r, TrainingExample ex, Scenario sc) throws IOException {
    TreeSequence ts = ex.tables;
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("samples", samples);
    params.put("ploidy", ploidy);
    params.put("sequence_length", length);
    params.put("mutation_rate", mu);
    params.put("recombination_rate", rho);
    params.put("demography", demographyText());
    params.put("random_seed", seed);
    params.put("replicate_index", r);
    params.put("epoch_start_times", ex.epochStart);
    params.put("epoch_sizes", ex.epochSize);
    params.put("demes", ex.demes);
    params.put("migration_rate", ex.migrationRate);
    params.put("scaled_migration_4Nm", sc.scaledMigration());
    params.put("genotype_error_rate", ex.errorRate);
    if (sc.hotspots() > 0) {
      params.put("recombination_map", Map.of("position", sc.recombination().positions(),
          "rate", sc.recombination().rates()));
    }
    params.put("recombination_hotspots", ex.hotspots);
    String version = new VersionProvider().getVersion()[0].replaceFirst("^mainspring ", "");
    String provenance = TreesFile.provenance(version, "simulate", params);
    String uuid = UUID.nameUUIDFromBytes((seed + ":" + r).getBytes(StandardCharsets.UTF_8)).toString();
    staged.write(file(r, ".trees"), TreesFile.bytes(ts, provenance, uuid));
    staged.writeText(file(r, ".vcf"), w -> VcfWriter.write(w, ex.genotypes, ex.n, ex.positions, ex.sequenceLength,
        ploidy, "1", "mainspring simulate (seed " + seed + ", replicate " + r + ")"));
    staged.writeText(file(r, ".demography.csv"), w -> {
      w.write("epoch,start_time,size,demes,migration_rate\n");
      for (int k = 0; k < ex.epochStart.length; k++) {
        w.write(k + "," + ex.epochStart[k] + "," + ex.epochSize[k] + "," + ex.demes + "," + ex.migrationRate + "\n");
      }
    });
    if (text) {
      int p = 17; // round-trip precision; tskit's own default is 6
      staged.writeText(file(r, ".nodes.txt"), w -> TskitText.writeNodes(ts, w, p));
      staged.writeText(file(r, ".edges.txt"), w -> TskitText.writeEdges(ts, w, p));
      staged.writeText(file(r, ".sites.txt"), w -> TskitText.writeSites(ts, w, p));
      staged.writeText(file(r, ".mutations.txt"), w -> TskitText.writeMutations(ts, w));
      staged.writeText(file(r, ".individuals.txt"), w -> TskitText.writeIndividuals(ts, w));
      staged.writeText(file(r, ".populations.txt"), w -> TskitText.writePopulations(ts, w));
    }
  }

  private String demographyText() {
    if (demography == null) {
      return "constant size 10000";
    }
    if (demography.prior != null) {
      return "prior " + demography.prior;
    }
    if (demography.epochs != null) {
      return "epochs " + demography.epochs;
    }
    return "constant size " + demography.size;
  }
}
