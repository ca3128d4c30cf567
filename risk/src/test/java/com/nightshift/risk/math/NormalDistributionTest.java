package com.nightshift.risk.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalDistributionTest {

    /** Relative error allowed against 40-digit reference values. */
    private static final double RELATIVE = 2e-15;

    private static void assertRelative(double actual, double expected, double relative) {
        assertThat(Math.abs(actual - expected))
                .as("%s against %s", actual, expected)
                .isLessThanOrEqualTo(relative * Math.abs(expected));
    }

    @Test
    void inverseCdfOfMany_isBitIdenticalToOneByOne() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        double[] p = new double[10_003];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextDouble();
        }
        double[] edges = {0.0, 1.0, -0.5, 2.0, Double.NaN, 0.075, 0.925, Math.nextUp(0.075), Math.nextDown(0.925),
            0.5, 1e-300, 1.0 - 1e-16, Double.MIN_VALUE};
        System.arraycopy(edges, 0, p, 3, edges.length);
        double[] out = new double[p.length + 5];
        NormalDistribution.inverseCdf(p, 1, p.length, out, 5);
        for (int i = 1; i < p.length; i++) {
            assertThat(Double.doubleToRawLongBits(out[i + 4])).as("p = %s", p[i])
                    .isEqualTo(Double.doubleToRawLongBits(NormalDistribution.inverseCdf(p[i])));
        }
    }

    @Test
    void test_cdf_knownValues() {
        assertThat(NormalDistribution.cdf(0.0)).isEqualTo(0.5);
        assertRelative(NormalDistribution.cdf(1.96), 0.9750021048517795, RELATIVE);
        assertRelative(NormalDistribution.cdf(-10.0), 7.619853024160527e-24, 1e-12);
    }

    // Reference values from 40-digit arithmetic (mpmath ncdf), one or more in each of the
    // algorithm's intervals, down to where the lower tail is about to underflow.
    @ParameterizedTest
    @CsvSource({
        "-37, 5.725571222524577e-300",
        "-30, 4.906713927148187e-198",
        "-20, 2.7536241186062337e-89",
        "-8, 6.220960574271784e-16",
        "-5.7, 5.990371401063528e-09",
        "-5.6, 1.071759025831093e-08",
        "-3, 0.0013498980316300946",
        "-1, 0.15865525393145705",
        "-0.5, 0.3085375387259869",
        "0.3, 0.6179114221889527",
        "0.7, 0.758036347776927",
        "2.5, 0.9937903346742238",
        "6, 0.9999999990134123",
    })
    void test_cdf_matchesHighPrecisionReferenceAcrossTheRange(double x, double expected) {
        assertRelative(NormalDistribution.cdf(x), expected, RELATIVE);
    }

    @Test
    void test_cdf_limitsAndNaN() {
        assertThat(NormalDistribution.cdf(-40.0)).isZero();
        assertThat(NormalDistribution.cdf(Double.NEGATIVE_INFINITY)).isZero();
        assertThat(NormalDistribution.cdf(9.0)).isEqualTo(1.0);
        assertThat(NormalDistribution.cdf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(NormalDistribution.cdf(Double.NaN)).isNaN();
        assertThat(NormalDistribution.cdf(1e-300)).isEqualTo(0.5);
    }

    @Test
    void test_cdf_isSymmetric() {
        for (double x = 0.0; x <= 8.0; x += 0.01) {
            double sum = NormalDistribution.cdf(x) + NormalDistribution.cdf(-x);
            assertThat(sum).as("x = %s", x).isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void test_cdf_isMonotone() {
        double previous = 0.0;
        for (double x = -38.0; x <= 9.0; x += 0.001) {
            double value = NormalDistribution.cdf(x);
            assertThat(value).as("x = %s", x).isGreaterThanOrEqualTo(previous);
            previous = value;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0.3989422804014327",
        "1, 0.24197072451914334",
        "-3, 0.0044318484119380075",
        "10, 7.694598626706419e-23",
        "-30, 1.4736461348785476e-196",
    })
    void test_density_matchesHighPrecisionReference(double x, double expected) {
        assertRelative(NormalDistribution.density(x), expected, RELATIVE);
    }

    @Test
    void test_density_isTheDerivativeOfTheCdf() {
        double h = 1e-5;
        for (double x = -6.0; x <= 6.0; x += 0.25) {
            double slope = (NormalDistribution.cdf(x + h) - NormalDistribution.cdf(x - h)) / (2 * h);
            assertThat(slope).as("x = %s", x).isCloseTo(NormalDistribution.density(x), within(1e-9));
        }
    }

    @Test
    void test_inverseCdf_knownValues() {
        assertRelative(NormalDistribution.inverseCdf(0.975), 1.959963984540054, RELATIVE);
        assertRelative(NormalDistribution.inverseCdf(0.01), -2.3263478740408408, RELATIVE);
        assertThat(NormalDistribution.inverseCdf(0.5)).isZero();
    }

    // Reference values from high-precision arithmetic (mpmath erfinv), in all three intervals.
    @ParameterizedTest
    @CsvSource({
        "1e-300, -37.0470962993612",
        "1e-100, -21.273453560965326",
        "1e-20, -9.262340089798407",
        "1e-10, -6.361340902404057",
        "1e-05, -4.264890793922825",
        "0.02, -2.053748910631823",
        "0.3, -0.5244005127080408",
        "0.7, 0.5244005127080407",
        "0.999, 3.090232306167813",
        "0.999999999999, 7.0344869100478356",
    })
    void test_inverseCdf_matchesHighPrecisionReference(double p, double expected) {
        assertRelative(NormalDistribution.inverseCdf(p), expected, RELATIVE);
    }

    @Test
    void test_inverseCdf_outsideTheOpenIntervalAndNaN() {
        assertThat(NormalDistribution.inverseCdf(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalDistribution.inverseCdf(-0.5)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(NormalDistribution.inverseCdf(1.0)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NormalDistribution.inverseCdf(1.5)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(NormalDistribution.inverseCdf(Double.NaN)).isNaN();
        assertThat(NormalDistribution.inverseCdf(Double.MIN_VALUE)).isFinite().isLessThan(-38.0);
    }

    @Test
    void test_inverseCdf_roundTripsTheCdf() {
        for (double x = -8.0; x <= 8.0; x += 1.0 / 64) {
            double back = NormalDistribution.inverseCdf(NormalDistribution.cdf(x));
            // Above zero cdf(x) is rounded near 1, which costs absolute accuracy in p; the
            // tolerance is that rounding carried through the slope of the quantile.
            double tolerance = x <= 0 ? 1e-13 * Math.max(1.0, Math.abs(x))
                    : 2 * Math.ulp(NormalDistribution.cdf(x)) / NormalDistribution.density(x) + 1e-13;
            assertThat(back).as("x = %s", x).isCloseTo(x, within(tolerance));
        }
    }

    @Test
    void test_inverseCdf_isSymmetric() {
        for (double p = 1e-6; p < 0.5; p += 0.001) {
            double lower = NormalDistribution.inverseCdf(p);
            double upper = NormalDistribution.inverseCdf(1.0 - p);
            // 1 - p is rounded, so compare through the slope of the quantile.
            double tolerance = Math.ulp(1.0 - p) / NormalDistribution.density(lower) + 1e-15 * Math.abs(lower);
            assertThat(upper).as("p = %s", p).isCloseTo(-lower, within(tolerance));
        }
    }
}
