package com.nightshift.risk.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nightshift.risk.math.CholeskyDecomposition;
import org.junit.jupiter.api.Test;

class NearestCorrelationTest {

    @Test
    void test_nearest_highamsExampleMatchesThePublishedMatrix() {
        double[][] a = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};

        double[][] nearest = NearestCorrelation.nearest(a);

        double[][] expected = {{1, 0.7607, 0.1573}, {0.7607, 1, 0.7607}, {0.1573, 0.7607, 1}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(nearest[i][j]).as("entry (%d, %d)", i, j).isCloseTo(expected[i][j], within(1e-4));
            }
        }
    }

    @Test
    void test_nearest_resultIsPositiveSemiDefiniteWithUnitDiagonal() {
        double[][] nearest = NearestCorrelation.nearest(new double[][] {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}});

        for (int i = 0; i < 3; i++) {
            assertThat(nearest[i][i]).isEqualTo(1.0);
            for (int j = 0; j < 3; j++) {
                assertThat(nearest[i][j]).isEqualTo(nearest[j][i]);
            }
        }
        assertThat(NearestCorrelation.smallestEigenvalue(nearest)).isGreaterThan(-1e-12);
        CholeskyDecomposition.of(nearest);
    }

    @Test
    void test_nearest_leavesACorrelationMatrixAlone() {
        double[][] a = {{1, 0.3, -0.2}, {0.3, 1, 0.5}, {-0.2, 0.5, 1}};

        assertThat(NearestCorrelation.maxAbsDifference(a, NearestCorrelation.nearest(a))).isLessThan(1e-12);
    }

    @Test
    void test_nearest_doesNotModifyItsArgument() {
        double[][] a = {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}};

        NearestCorrelation.nearest(a);

        assertThat(a).isDeepEqualTo(new double[][] {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}});
    }

    @Test
    void test_nearest_stopsAtTheIterationBoundWithAValidCorrelationMatrix() {
        double[][] nearest = NearestCorrelation.nearest(new double[][] {{1, 1, 0}, {1, 1, 1}, {0, 1, 1}}, 0.0, 3);

        assertThat(nearest[1][1]).isEqualTo(1.0);
        assertThat(NearestCorrelation.smallestEigenvalue(nearest)).isGreaterThan(-1e-12);
    }

    @Test
    void test_nearest_refusesANonSquareMatrix() {
        assertThatThrownBy(() -> NearestCorrelation.nearest(new double[][] {{1, 0}, {0}}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_smallestEigenvalue_ofAKnownMatrix() {
        // Eigenvalues of [[2,1],[1,2]] are 1 and 3.
        assertThat(NearestCorrelation.smallestEigenvalue(new double[][] {{2, 1}, {1, 2}})).isCloseTo(1.0, within(1e-14));
    }
}
