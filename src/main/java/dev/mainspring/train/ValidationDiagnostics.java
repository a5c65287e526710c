package dev.mainspring.train;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.eval.Diagnostics;
import dev.mainspring.eval.DiagnosticsReport;
import dev.mainspring.eval.TimeBins;
import dev.mainspring.model.Prediction;
import java.util.ArrayList;
import java.util.List;

/** Scores validation predictions with the eval package's diagnostics: the one place train calls eval. */
final class ValidationDiagnostics {
  private ValidationDiagnostics() {}

  /**
   * @param window the model's band half-width w, which the Hamming-copying baseline uses too
   * @param seed picks the sites of the Robinson–Foulds comparison (fixed: same sites every time)
   */
  static ValidationMetrics score(List<TrainingExample> truth, List<Prediction> predictions, int window, long seed,
      LossValues loss, int plotted) {
    DiagnosticsReport r = Diagnostics.compute(truth, predictions, window, seed);
    List<String> labels = new ArrayList<>();
    for (int k = 0; k < r.coverage90ByBin().length; k++) {
      labels.add(TimeBins.label(k));
    }
    return new ValidationMetrics(r.count(), loss, r.neRmse(), r.neRmseWatterson(), r.targetAcc(), r.targetAccHamming(),
        r.coverage90(), r.coverage90ByBin(), labels, r.rfDistance(), r.sfsResidual(),
        posteriors(truth, predictions, plotted));
  }

  /** The first {@code k} examples' posteriors beside their true log10 N_e on the grid. */
  static List<ValidationMetrics.PosteriorExample> posteriors(List<TrainingExample> truth,
      List<Prediction> predictions, int k) {
    List<ValidationMetrics.PosteriorExample> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, predictions.size()); i++) {
      Prediction p = predictions.get(i);
      float[] y = truth.get(i).logNeGrid;
      double[] t = new double[y.length];
      for (int j = 0; j < y.length; j++) {
        t[j] = y[j];
      }
      out.add(new ValidationMetrics.PosteriorExample(p.gridTimes(), t, p.log10NeMedian(), p.log10NeLo(),
          p.log10NeHi()));
    }
    return out;
  }
}
