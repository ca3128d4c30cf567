package com.nightshift.risk.backtest;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * The Basel traffic-light zones of a VaR model's exception count over its last 250 days.
 *
 * <p>At 99% the zones are the Basel Committee's table: green 0 to 4 exceptions, yellow 5 to 9, red
 * 10 or more, with the plus factor added to the capital multiplier (green 0.00; yellow 0.40, 0.50,
 * 0.65, 0.75, 0.85 for 5 to 9; red 1.00). At another confidence level the zones come from the
 * binomial cumulative probability of seeing at most that many exceptions if the model is right:
 * green below 95%, yellow below 99.99%, red beyond. That is how the Basel table was drawn, and at 99%
 * over 250 days it gives the same zones.
 */
public enum TrafficLight {
    GREEN, YELLOW, RED;

    /** Where the green zone ends: a cumulative probability from here on is yellow. */
    public static final double YELLOW_FROM = 0.95;
    /** Where the yellow zone ends: a cumulative probability from here on is red. */
    public static final double RED_FROM = 0.9999;

    private static final double[] YELLOW_PLUS_FACTORS = {0.40, 0.50, 0.65, 0.75, 0.85};

    /** The Basel zone of {@code exceptions} over 250 days at 99%: green 0-4, yellow 5-9, red 10+. */
    public static TrafficLight basel(int exceptions) {
        requireCount(exceptions);
        return exceptions <= 4 ? GREEN : exceptions <= 9 ? YELLOW : RED;
    }

    /** The Basel plus factor of {@code exceptions} over 250 days at 99%: 0.00 green, 0.40-0.85 yellow, 1.00 red. */
    public static double baselPlusFactor(int exceptions) {
        return switch (basel(exceptions)) {
            case GREEN -> 0.0;
            case YELLOW -> YELLOW_PLUS_FACTORS[exceptions - 5];
            case RED -> 1.0;
        };
    }

    /**
     * The zone of {@code exceptions} in {@code observations} days when each day breaches with
     * probability {@code p}: by {@link #cumulativeProbability}, green below 95%, yellow below 99.99%, red beyond.
     */
    public static TrafficLight binomial(int observations, int exceptions, double p) {
        double cumulative = cumulativeProbability(observations, exceptions, p);
        return cumulative < YELLOW_FROM ? GREEN : cumulative < RED_FROM ? YELLOW : RED;
    }

    /** P(X &lt;= exceptions) for X binomial with {@code observations} trials and probability {@code p}. */
    public static double cumulativeProbability(int observations, int exceptions, double p) {
        requireCount(exceptions);
        if (observations < exceptions) {
            throw new IllegalArgumentException(exceptions + " exceptions in " + observations + " observations");
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("the exception probability must lie strictly between 0 and 1, was " + p);
        }
        // No random generator: only the distribution function is used.
        return new BinomialDistribution(null, observations, p).cumulativeProbability(exceptions);
    }

    private static void requireCount(int exceptions) {
        if (exceptions < 0) {
            throw new IllegalArgumentException("an exception count cannot be negative, was " + exceptions);
        }
    }
}
