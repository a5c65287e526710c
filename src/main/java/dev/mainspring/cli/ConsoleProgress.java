package dev.mainspring.cli;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The ASCII progress bar on stderr that infer and evaluate show (null, and no output, when off). */
final class ConsoleProgress {
  private ConsoleProgress() {}

  /** A bar over {@code total} items ({@code unit} as " windows", or null for plain counts); null when off. */
  static ProgressBar open(String task, long total, String unit, boolean off) {
    if (off) {
      return null;
    }
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err, 100));
    if (unit != null) {
      b.setUnit(unit, 1);
    }
    return b.build();
  }

  /** Moves {@code bar} (possibly null) to the count it is given. */
  static IntConsumer stepper(ProgressBar bar) {
    return done -> {
      if (bar != null) {
        bar.stepTo(done);
      }
    };
  }
}
