package com.nightshift.risk.market;

import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The nearest correlation matrix to a symmetric matrix, in the Frobenius norm: N. J. Higham,
 * "Computing the nearest correlation matrix — a problem from finance", IMA J. Numer. Anal. 22
 * (2002), alternating projections with Dykstra's correction, unit weights.
 *
 * <p>With {@code Y₀ = A} and {@code ΔS₀ = 0}, each iteration takes {@code R = Y − ΔS},
 * {@code X = P_S(R)} (the positive semi-definite part: eigenvalues below zero set to zero),
 * {@code ΔS = X − R} and {@code Y = P_U(X)} (unit diagonal), until the relative changes of
 * {@code X} and {@code Y} and the gap {@code ‖Y − X‖/‖Y‖} are all within the tolerance. The result is
 * the last {@code X} scaled to unit diagonal ({@code D^-½ X D^-½}), which keeps it exactly positive
 * semi-definite where {@code Y} is so only in the limit; at convergence the two differ by about the
 * tolerance. The result is usually singular (it lies on the boundary of the positive semi-definite
 * cone), which the engine's Cholesky factor accepts.
 *
 * <p>Hand-written because commons-math3 has no nearest-correlation routine; its
 * {@link EigenDecomposition} does the projections. Stateless and thread-safe.
 */
public final class NearestCorrelation {

    /** The default convergence tolerance on relative Frobenius-norm changes. */
    public static final double TOLERANCE = 1e-12;

    /** The default iteration bound; past it the current iterate, scaled to unit diagonal, is returned. */
    public static final int MAX_ITERATIONS = 100_000;

    private NearestCorrelation() {
    }

    /** The nearest correlation matrix to {@code matrix} (symmetric, finite); the argument is not modified. */
    public static double[][] nearest(double[][] matrix) {
        return nearest(matrix, TOLERANCE, MAX_ITERATIONS);
    }

    /** As {@link #nearest(double[][])}, with an explicit tolerance and iteration bound. */
    public static double[][] nearest(double[][] matrix, double tolerance, int maxIterations) {
        Objects.requireNonNull(matrix, "matrix");
        int n = matrix.length;
        for (double[] row : matrix) {
            if (row.length != n) {
                throw new IllegalArgumentException("matrix is not square");
            }
        }
        double[][] y = symmetrised(matrix);
        double[][] dS = new double[n][n];
        double[][] x = y;
        double[][] previousX = null;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[][] r = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    r[i][j] = y[i][j] - dS[i][j];
                }
            }
            x = positiveSemiDefinitePart(r);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    dS[i][j] = x[i][j] - r[i][j];
                }
            }
            double[][] previousY = y;
            y = new double[n][n];
            for (int i = 0; i < n; i++) {
                y[i] = x[i].clone();
                y[i][i] = 1.0;
            }
            double normY = frobenius(y);
            boolean converged = frobeniusDistance(y, x) <= tolerance * normY
                    && frobeniusDistance(y, previousY) <= tolerance * normY
                    && previousX != null && frobeniusDistance(x, previousX) <= tolerance * frobenius(x);
            previousX = x;
            if (converged) {
                break;
            }
        }
        return unitDiagonal(x);
    }

    /** The smallest eigenvalue of a symmetric matrix. */
    public static double smallestEigenvalue(double[][] matrix) {
        double[] eigenvalues = new EigenDecomposition(new Array2DRowRealMatrix(symmetrised(matrix), false))
                .getRealEigenvalues();
        double smallest = Double.POSITIVE_INFINITY;
        for (double value : eigenvalues) {
            smallest = Math.min(smallest, value);
        }
        return smallest;
    }

    /** The largest absolute difference between entries of two matrices of the same shape. */
    public static double maxAbsDifference(double[][] a, double[][] b) {
        double max = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    /** {@code V max(Λ, 0) Vᵀ} of the eigendecomposition {@code R = V Λ Vᵀ}. */
    private static double[][] positiveSemiDefinitePart(double[][] r) {
        int n = r.length;
        EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(symmetrised(r), false));
        double[] lambda = eigen.getRealEigenvalues();
        RealMatrix v = eigen.getV();
        double[][] out = new double[n][n];
        for (int k = 0; k < n; k++) {
            if (!(lambda[k] > 0.0)) {
                continue;
            }
            double[] column = v.getColumn(k);
            for (int i = 0; i < n; i++) {
                double scaled = lambda[k] * column[i];
                for (int j = 0; j < n; j++) {
                    out[i][j] += scaled * column[j];
                }
            }
        }
        return symmetrised(out);
    }

    /** {@code D^-½ X D^-½}, clipped into [-1, 1] against rounding; a zero diagonal entry gives a unit row and column. */
    private static double[][] unitDiagonal(double[][] x) {
        int n = x.length;
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            scale[i] = x[i][i] > 0.0 ? 1.0 / Math.sqrt(x[i][i]) : 0.0;
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double c = Math.max(-1.0, Math.min(1.0, x[i][j] * scale[i] * scale[j]));
                out[i][j] = c;
                out[j][i] = c;
            }
            out[i][i] = 1.0;
        }
        return out;
    }

    private static double[][] symmetrised(double[][] m) {
        int n = m.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double value = 0.5 * (m[i][j] + m[j][i]);
                out[i][j] = value;
                out[j][i] = value;
            }
        }
        return out;
    }

    private static double frobenius(double[][] m) {
        double sum = 0.0;
        for (double[] row : m) {
            for (double value : row) {
                sum += value * value;
            }
        }
        return Math.sqrt(sum);
    }

    private static double frobeniusDistance(double[][] a, double[][] b) {
        double sum = 0.0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                double d = a[i][j] - b[i][j];
                sum += d * d;
            }
        }
        return Math.sqrt(sum);
    }
}
