package dev.mainspring.infer;

import dev.mainspring.plot.Charts;
import java.util.List;

/** infer's PNG of the N_e(t) posterior: median and 90% band on log-log axes. */
public final class NePlot {
  private NePlot() {}

  public static byte[] png(NeCurve c, String title) {
    return Charts.xy(title, "generations ago", "N_e (diploid)", true, true, List.of(
        Charts.Line.solid("median", c.gridTimes(), pow10(c.log10Median())),
        Charts.Line.dashed("5%", c.gridTimes(), pow10(c.log10Lo())),
        Charts.Line.dashed("95%", c.gridTimes(), pow10(c.log10Hi()))));
  }

  static double[] pow10(double[] log10) {
    double[] out = new double[log10.length];
    for (int k = 0; k < out.length; k++) {
      out[k] = Math.pow(10, log10[k]);
    }
    return out;
  }
}
