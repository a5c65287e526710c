package dev.mainspring.model;

/**
 * Turns per-site model outputs into what the threading builder persists across sites. The model
 * predicts a join time at every site; taken literally, every site would get new join nodes and the
 * ARG would be one tree per site. Instead, while sample i keeps the same copying target and the
 * breakpoint head sees no switch (b̂ < 0.5), its join is one ancestor: it gets the mean of the
 * predicted times over the run (so the builder keeps one node), and a run ends — with a switch
 * flag — where the target changes or b̂ ≥ 0.5.
 */
public final class JoinRuns {
  public static final double SWITCH_THRESHOLD = 0.5;

  private JoinRuns() {}

  /** Run-averaged times [i*S + l] and switch flags [i*S + l] (row 0 untouched). */
  public record Smoothed(float[] joinTime, byte[] switches) {}

  public static Smoothed smooth(int n, int s, int[] target, float[] joinTime, float[] breakpointProb) {
    float[] times = joinTime.clone();
    byte[] switches = new byte[n * s];
    for (int i = 1; i < n; i++) {
      int row = i * s;
      int start = 0;
      for (int l = 1; l <= s; l++) {
        boolean ends = l == s || target[row + l] != target[row + l - 1]
            || breakpointProb[row + l] >= SWITCH_THRESHOLD;
        if (ends) {
          double sum = 0;
          for (int k = start; k < l; k++) {
            sum += joinTime[row + k];
          }
          float mean = (float) (sum / (l - start));
          for (int k = start; k < l; k++) {
            times[row + k] = mean;
          }
          if (l < s) {
            switches[row + l] = 1;
          }
          start = l;
        }
      }
    }
    return new Smoothed(times, switches);
  }
}
