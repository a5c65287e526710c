package dev.mainspring.train;

import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress bar on stderr: steps done of T with ETA, and the current phase, τ and losses. */
final class Progress implements AutoCloseable {
  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar from {@code start} of {@code total} steps, or one that draws nothing. */
  static Progress open(boolean enabled, long start, long total) {
    if (!enabled) {
      return new Progress(null);
    }
    ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).startsFrom(start, Duration.ZERO)
        .setUnit(" steps", 1).build();
    return new Progress(bar);
  }

  void step(long done, int phase, double tau, LossValues l) {
    if (bar == null) {
      return;
    }
    bar.stepTo(done);
    // Compact: a dumb terminal is 80 columns and the bar truncates at its width.
    bar.setExtraMessage(String.format(Locale.ROOT, " p%d τ%.3g L%.3g topo%.3g time%.3g sfs%.3g demo%.3g",
        phase, tau, l.total(), l.topo(), l.time(), l.sfs(), l.demo()));
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
