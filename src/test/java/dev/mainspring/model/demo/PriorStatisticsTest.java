package dev.mainspring.model.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mainspring.sim.Demography;
import dev.mainspring.sim.Seeds;
import dev.mainspring.sim.prior.CurriculumPhase;
import dev.mainspring.sim.prior.DemographyPrior;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class PriorStatisticsTest {
  private static final int K = Demography.GRID_POINTS;

  @Test
  void drawsAreTheSimulatorsTargetsFromTheFullPrior() {
    double[][] y = PriorStatistics.draw(17, 5);
    UniformRandomProvider rng = Seeds.rng(17);
    for (double[] row : y) {
      float[] want = DemographyPrior.sample(CurriculumPhase.PHASE3, rng).logNeGrid();
      assertEquals(K, row.length);
      for (int k = 0; k < K; k++) {
        assertEquals(want[k], row[k], 0);
      }
    }
  }

  @Test
  void fitIsDeterministicAndTheStandardOneIsCached() {
    PriorStatistics a = PriorStatistics.fit(PriorStatistics.draw(5, 3000), 0.01);
    PriorStatistics b = PriorStatistics.fit(PriorStatistics.draw(5, 3000), 0.01);
    assertArrayEquals(a.mean(), b.mean(), 0);
    assertArrayEquals(a.std(), b.std(), 0);
    for (int i = 0; i < K; i++) {
      assertArrayEquals(a.inverseCholesky()[i], b.inverseCholesky()[i], 0);
    }
    assertSame(PriorStatistics.standard(), PriorStatistics.standard());
    PriorStatistics again = PriorStatistics.fit(
        PriorStatistics.draw(PriorStatistics.STANDARD_SEED, PriorStatistics.STANDARD_DRAWS),
        PriorStatistics.RIDGE);
    assertArrayEquals(again.mean(), PriorStatistics.standard().mean(), 0);
    assertEquals(again.logDet(), PriorStatistics.standard().logDet(), 0);
  }

  @Test
  void matchesADirectComputationFromTheSameDraws() {
    double[][] y = PriorStatistics.draw(9, 4000);
    int n = y.length;
    PriorStatistics p = PriorStatistics.fit(y, 0.01);
    // Direct: covariance of raw y (one pass of sums and products), then correlation-style scaling.
    double[] s1 = new double[K];
    double[][] s2 = new double[K][K];
    for (double[] row : y) {
      for (int a = 0; a < K; a++) {
        s1[a] += row[a];
        for (int b = 0; b < K; b++) {
          s2[a][b] += row[a] * row[b];
        }
      }
    }
    double[] mean = new double[K];
    double[] sd = new double[K];
    for (int a = 0; a < K; a++) {
      mean[a] = s1[a] / n;
      sd[a] = Math.sqrt(s2[a][a] / n - mean[a] * mean[a]);
    }
    assertArrayEquals(mean, p.mean(), 1e-10);
    assertArrayEquals(sd, p.std(), 1e-8);
    double[][] cov = p.standardisedCovariance();
    for (int a = 0; a < K; a++) {
      assertEquals(0, p.standardisedMean()[a], 1e-10);
      for (int b = 0; b < K; b++) {
        double want = (s2[a][b] / n - mean[a] * mean[b]) / (sd[a] * sd[b]);
        assertEquals(want, cov[a][b], 1e-8, "cov " + a + "," + b);
      }
      assertEquals(1, cov[a][a], 1e-8);
    }
    // L·Lᵀ = Σ + ridge·I, L⁻¹·L = I, log det = 2 Σ log L_ii.
    double[][] l = p.cholesky();
    double[][] inv = p.inverseCholesky();
    double logDet = 0;
    for (int a = 0; a < K; a++) {
      logDet += 2 * Math.log(l[a][a]);
      for (int b = 0; b < K; b++) {
        double llt = 0;
        double id = 0;
        for (int q = 0; q < K; q++) {
          llt += l[a][q] * l[b][q];
          id += inv[a][q] * l[q][b];
        }
        assertEquals(cov[a][b] + (a == b ? 0.01 : 0), llt, 1e-10);
        assertEquals(a == b ? 1 : 0, id, 1e-9);
        if (b > a) {
          assertEquals(0, l[a][b], 0);
          assertEquals(0, inv[a][b], 0);
        }
      }
    }
    assertEquals(logDet, p.logDet(), 1e-12);
  }

  @Test
  void theRidgeIsWhatMakesTheCovarianceInvertible() {
    PriorStatistics p = PriorStatistics.standard();
    // The prior's marginals: sizes 10^U(2,5) give mean 3.5 and std √(9/12) at every grid point.
    for (int k = 0; k < K; k++) {
      assertEquals(3.5, p.mean()[k], 0.05);
      assertEquals(Math.sqrt(0.75), p.std()[k], 0.03);
    }
    // Late grid points share the oldest epoch's size almost always: nearly collinear columns.
    assertTrue(p.standardisedCovariance()[K - 1][K - 2] > 0.99);
    assertThrows(IllegalArgumentException.class, () -> PriorStatistics.cholesky(
        new double[][] {{1, 1}, {1, 1}}));
    assertThrows(IllegalArgumentException.class, () -> PriorStatistics.fit(new double[1][K], 0.01));
  }
}
