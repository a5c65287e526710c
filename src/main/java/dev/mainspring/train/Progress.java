package dev.mainspring.train;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Step progress on stderr: a bar (steps done of T with ETA, and the current phase, τ and losses),
 * or, with the bar off (--no-progress, logs to a file), one line every {@link #lineEvery} steps as
 * the seed's loop prints one every 1000, so a log shows the run between validations.
 */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;
  private final PrintStream log;
  private final long total;
  private final long every;

  private Progress(ProgressBar bar, PrintStream log, long total) {
    this.bar = bar;
    this.log = log;
    this.total = total;
    this.every = lineEvery(total);
  }

  /**
   * Steps between log lines without the bar: max(1, min(1000, T/100)), the seed's 1000 for long
   * runs, about 100 lines for short ones.
   */
  static long lineEvery(long total) {
    return Math.max(1, Math.min(1000, total / 100));
  }

  /** A bar from {@code start} of {@code total} steps, or, when not enabled, lines on {@code log}. */
  static Progress open(boolean enabled, long start, long total, PrintStream log) {
    if (!enabled) {
      return new Progress(null, log, total);
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).startsFrom(start, Duration.ZERO)
        .setUnit(" steps", 1).build();
    return new Progress(bar, log, total);
  }

  /** After a step: {@code done} steps are complete, the last one described by {@code m}. */
  void step(long done, StepMetrics m) {
    LossValues l = m.loss();
    if (bar == null) {
      if (done % every == 0) {
        log.println(line(done, total, m));
      }
      return;
    }
    bar.stepTo(done);
    // Compact: a dumb terminal is 80 columns and the bar truncates at its width.
    bar.setExtraMessage(String.format(Locale.ROOT, " p%d τ%.3g L%.3g topo%.3g time%.3g sfs%.3g demo%.3g",
        m.phase(), m.tau(), l.total(), l.topo(), l.time(), l.sfs(), l.demo()));
  }

  /** The seed's per-1000-steps print, with the phase, lr and throughput added. */
  static String line(long done, long total, StepMetrics m) {
    LossValues l = m.loss();
    return String.format(Locale.ROOT, "step %d/%d (phase %d): loss=%.4f topo=%.4f time=%.4f sfs=%.4f demo=%.4f "
        + "tau=%.3f lr=%.3g %.1f examples/s", done, total, m.phase(), l.total(), l.topo(), l.time(), l.sfs(),
        l.demo(), m.tau(), m.lr(), m.examplesPerSecond());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
