package com.nightshift.risk.backtest;

import org.apache.commons.math3.special.Gamma;

/**
 * A likelihood-ratio statistic with its chi-square degrees of freedom, its p-value (the probability
 * of a statistic at least this large if the model is right) and whether it rejects the model at the
 * 5% level ({@code pValue < 0.05}). Immutable; build it with {@link #of}.
 */
public record LikelihoodRatioTest(double statistic, int degreesOfFreedom, double pValue, boolean rejected) {

    /** The significance level of {@link #rejected()}. */
    public static final double SIGNIFICANCE = 0.05;

    public LikelihoodRatioTest {
        if (!(statistic >= 0) || Double.isInfinite(statistic)) {
            throw new IllegalArgumentException("a likelihood ratio is a finite number >= 0, was " + statistic);
        }
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, was " + degreesOfFreedom);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("a p-value lies in [0, 1], was " + pValue);
        }
        if (rejected != pValue < SIGNIFICANCE) {
            throw new IllegalArgumentException("p-value " + pValue + " does " + (rejected ? "not " : "")
                    + "reject at " + SIGNIFICANCE);
        }
    }

    /** The test of {@code statistic} against the chi-square distribution with {@code degreesOfFreedom}. */
    public static LikelihoodRatioTest of(double statistic, int degreesOfFreedom) {
        double pValue = chiSquareSurvival(statistic, degreesOfFreedom);
        return new LikelihoodRatioTest(statistic, degreesOfFreedom, pValue, pValue < SIGNIFICANCE);
    }

    /**
     * P(X &gt;= x) for X chi-square with {@code degreesOfFreedom}: the regularized upper incomplete gamma
     * function Q(k/2, x/2), computed directly rather than as 1 - CDF so that small p-values keep their digits.
     */
    static double chiSquareSurvival(double x, int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, was " + degreesOfFreedom);
        }
        return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(degreesOfFreedom / 2.0, x / 2.0);
    }
}
