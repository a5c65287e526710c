package dev.mainspring.train;

import dev.mainspring.data.TrainingExample;
import dev.mainspring.model.Prediction;
import java.util.ArrayList;
import java.util.List;

/** Scores validation predictions with the eval package's diagnostics: the one place train calls eval. */
final class ValidationDiagnostics {
  private ValidationDiagnostics() {}

  static ValidationMetrics score(List<TrainingExample> truth, List<Prediction> predictions, long seed,
      LossValues loss, int plotted) {
    throw new UnsupportedOperationException("awaiting dev.mainspring.eval.Diagnostics (branch infer)");
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
