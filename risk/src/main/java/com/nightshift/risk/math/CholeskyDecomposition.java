package com.nightshift.risk.math;

import java.util.Arrays;
import java.util.Objects;

/**
 * The lower-triangular Cholesky factor {@code L} of a symmetric positive semi-definite matrix
 * {@code A}, with {@code A = L Lᵀ}.
 *
 * <p>Immutable and thread-safe. A covariance matrix estimated from prices is often only
 * semi-definite: an instrument whose price never moved, or two instruments that move in lockstep.
 * Rather than perturbing the matrix with a diagonal jitter (which changes the risk), a pivot that is
 * zero within a relative tolerance of {@value #RELATIVE_TOLERANCE} times the largest diagonal entry
 * gets a zero column: that direction carries no variance of its own, and {@code L Lᵀ} still
 * reproduces {@code A} to rounding. A pivot clearly below zero means the matrix is not
 * positive semi-definite and is rejected with its index.
 */
public final class CholeskyDecomposition {

    /** Pivots within this fraction of the largest diagonal entry of zero are treated as zero. */
    public static final double RELATIVE_TOLERANCE = 1e-12;

    private static final double SYMMETRY_TOLERANCE = 1e-9;

    private final double[][] lower;

    private CholeskyDecomposition(double[][] lower) {
        this.lower = lower;
    }

    /**
     * Decomposes a symmetric positive semi-definite matrix.
     *
     * @param matrix a square matrix of finite numbers, symmetric within a relative 1e-9; not modified
     * @throws IllegalArgumentException if the matrix is empty, not square, not finite, not symmetric,
     *                                  or not positive semi-definite
     */
    public static CholeskyDecomposition of(double[][] matrix) {
        Objects.requireNonNull(matrix, "matrix");
        int n = matrix.length;
        if (n == 0) {
            throw new IllegalArgumentException("matrix is empty");
        }
        double maxDiagonal = 0.0;
        for (int i = 0; i < n; i++) {
            if (matrix[i] == null || matrix[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " does not have " + n + " entries");
            }
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(matrix[i][j])) {
                    throw new IllegalArgumentException("matrix entry (" + i + ", " + j + ") is " + matrix[i][j]);
                }
            }
            maxDiagonal = Math.max(maxDiagonal, Math.abs(matrix[i][i]));
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double scale = Math.max(Math.max(Math.abs(matrix[i][j]), Math.abs(matrix[j][i])), maxDiagonal);
                if (Math.abs(matrix[i][j] - matrix[j][i]) > SYMMETRY_TOLERANCE * scale) {
                    throw new IllegalArgumentException("matrix is not symmetric: entries (" + i + ", " + j + ") = "
                            + matrix[i][j] + " and (" + j + ", " + i + ") = " + matrix[j][i]);
                }
            }
        }
        double tolerance = RELATIVE_TOLERANCE * maxDiagonal;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double pivot = matrix[j][j];
            for (int k = 0; k < j; k++) {
                pivot -= l[j][k] * l[j][k];
            }
            if (pivot < -tolerance) {
                throw new IllegalArgumentException(
                        "matrix is not positive semi-definite: pivot " + j + " is " + pivot);
            }
            if (pivot <= tolerance) {
                // A dependent direction: leave column j zero instead of dividing by a rounding residue.
                continue;
            }
            double diagonal = Math.sqrt(pivot);
            l[j][j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                double sum = matrix[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = sum / diagonal;
            }
        }
        return new CholeskyDecomposition(l);
    }

    /** The dimension of the matrix. */
    /**
     * Whether the smallest eigenvalue of the symmetric matrix {@code matrix} exceeds {@code margin}:
     * whether {@code matrix - margin I} has a Cholesky factor whose pivots are all above zero. A
     * definiteness check at the cost of one decomposition ({@code n³/6} multiply-adds), where an
     * eigen decomposition costs some ten times that; only the lower triangle is read.
     */
    public static boolean smallestEigenvalueExceeds(double[][] matrix, double margin) {
        int n = matrix.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            l[i] = new double[i + 1];
        }
        for (int j = 0; j < n; j++) {
            double pivot = matrix[j][j] - margin;
            for (int k = 0; k < j; k++) {
                pivot -= l[j][k] * l[j][k];
            }
            if (!(pivot > 0.0)) {
                return false;
            }
            double diagonal = Math.sqrt(pivot);
            l[j][j] = diagonal;
            for (int i = j + 1; i < n; i++) {
                double sum = matrix[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = sum / diagonal;
            }
        }
        return true;
    }

    public int dimension() {
        return lower.length;
    }

    /** Entry {@code (row, column)} of {@code L}; zero above the diagonal. */
    public double get(int row, int column) {
        return lower[row][column];
    }

    /** A copy of {@code L}. */
    public double[][] lower() {
        double[][] copy = new double[lower.length][];
        for (int i = 0; i < lower.length; i++) {
            copy[i] = lower[i].clone();
        }
        return copy;
    }

    /**
     * Writes {@code mean + L z} into {@code out}: turns independent standard normals into correlated
     * normals with this covariance. Sums run in index order, so the result is reproducible.
     */
    public void correlate(double[] mean, double[] z, double[] out) {
        for (int i = 0; i < lower.length; i++) {
            double[] row = lower[i];
            double sum = mean[i];
            for (int k = 0; k <= i; k++) {
                sum += row[k] * z[k];
            }
            out[i] = sum;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CholeskyDecomposition that && Arrays.deepEquals(lower, that.lower);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(lower);
    }

    @Override
    public String toString() {
        return "CholeskyDecomposition" + Arrays.deepToString(lower);
    }
}
