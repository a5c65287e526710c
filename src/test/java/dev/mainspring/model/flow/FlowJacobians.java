package dev.mainspring.model.flow;

import dev.mainspring.tensor.Backends;
import dev.mainspring.tensor.Tensor;

/** Finite-difference checks of a flow's log-determinant, shared by the flow and decoder tests. */
public final class FlowJacobians {
  private FlowJacobians() {}

  /**
   * log|det ∂z/∂y| of example b of a [batch, k] input y (F64, CPU), from central differences with
   * step h.
   */
  public static double numericalLogAbsDet(ConditionalAffineFlow flow, ConditionalAffineFlow.Conditioner net,
      double[] y, int batch, int k, int b, double h) {
    double[][] jac = new double[k][k];
    for (int j = 0; j < k; j++) {
      double[] plus = y.clone();
      double[] minus = y.clone();
      plus[b * k + j] += h;
      minus[b * k + j] -= h;
      double[] zp = flow.forward(Tensor.of(Backends.cpu(), plus, batch, k), net).value().toDoubleArray();
      double[] zm = flow.forward(Tensor.of(Backends.cpu(), minus, batch, k), net).value().toDoubleArray();
      for (int i = 0; i < k; i++) {
        jac[i][j] = (zp[b * k + i] - zm[b * k + i]) / (2 * h);
      }
    }
    return logAbsDet(jac);
  }

  /** log|det A| by Gaussian elimination with partial pivoting. */
  static double logAbsDet(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = a[i].clone();
    }
    double acc = 0;
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
          p = r;
        }
      }
      double[] t = m[c];
      m[c] = m[p];
      m[p] = t;
      acc += Math.log(Math.abs(m[c][c]));
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int q = c; q < n; q++) {
          m[r][q] -= f * m[c][q];
        }
      }
    }
    return acc;
  }
}
