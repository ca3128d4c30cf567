package com.nightshift.risk.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CholeskyDecompositionTest {

    @Test
    void test_of_knownThreeByThreeMatrix() {
        double[][] matrix = {{4, 12, -16}, {12, 37, -43}, {-16, -43, 98}};

        CholeskyDecomposition cholesky = CholeskyDecomposition.of(matrix);

        assertThat(cholesky.lower()).isDeepEqualTo(new double[][] {{2, 0, 0}, {6, 1, 0}, {-8, 5, 3}});
    }

    @Test
    void test_of_semiDefiniteMatrixGetsAZeroColumnAndStillReproducesTheMatrix() {
        // The second variable is twice the first: rank 2 of 3.
        double[][] matrix = {{1, 2, 0.5}, {2, 4, 1}, {0.5, 1, 2}};

        CholeskyDecomposition cholesky = CholeskyDecomposition.of(matrix);

        assertThat(cholesky.get(1, 1)).isZero();
        double[][] l = cholesky.lower();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0.0;
                for (int k = 0; k < 3; k++) {
                    sum += l[i][k] * l[j][k];
                }
                assertThat(sum).as("entry (%d, %d)", i, j).isCloseTo(matrix[i][j], within(1e-12));
            }
        }
    }

    @Test
    void test_of_rejectsIndefiniteMatrix() {
        assertThatThrownBy(() -> CholeskyDecomposition.of(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not positive semi-definite: pivot 1");
    }

    @Test
    void test_of_rejectsAsymmetricMatrix() {
        assertThatThrownBy(() -> CholeskyDecomposition.of(new double[][] {{1, 0.5}, {0.4, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not symmetric");
    }

    @Test
    void test_of_rejectsNonSquareMatrix() {
        assertThatThrownBy(() -> CholeskyDecomposition.of(new double[][] {{1, 0}, {0}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not square");
    }

    @Test
    void smallestEigenvalueExceeds_comparesTheSmallestEigenvalueWithTheMargin() {
        // Eigenvalues of [[1, r], [r, 1]] are 1 - r and 1 + r; of the 3x3 equicorrelation matrix 1 - r (twice) and 1 + 2r.
        double[][] pair = {{1, 0.9}, {0.9, 1}};
        double[][] three = {{1, 0.6, 0.6}, {0.6, 1, 0.6}, {0.6, 0.6, 1}};
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(pair, 0.09)).isTrue();
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(pair, 0.11)).isFalse();
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(three, 0.39)).isTrue();
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(three, 0.41)).isFalse();
    }

    @Test
    void smallestEigenvalueExceeds_isFalseForSingularAndIndefiniteMatrices() {
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(new double[][] {{1, 1}, {1, 1}}, 1e-10)).isFalse();
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(new double[][] {{1, 2}, {2, 1}}, 1e-10)).isFalse();
        assertThat(CholeskyDecomposition.smallestEigenvalueExceeds(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}, 1e-10))
                .isFalse();
    }
}
