package com.nightshift.risk.backtest;

import java.util.List;

/**
 * How often day t+1's exception state followed day t's over a sequence of days: {@code nij} counts the
 * consecutive pairs with state i on the first day and j on the second (1 = exception). A sequence of
 * T days has T - 1 pairs. Immutable.
 */
public record TransitionCounts(int n00, int n01, int n10, int n11) {

    public TransitionCounts {
        if (n00 < 0 || n01 < 0 || n10 < 0 || n11 < 0) {
            throw new IllegalArgumentException("transition counts cannot be negative: " + n00 + "/" + n01 + "/"
                    + n10 + "/" + n11);
        }
    }

    /** The counts of {@code exceptions}, one flag a day in date order. */
    public static TransitionCounts of(List<Boolean> exceptions) {
        int[][] n = new int[2][2];
        for (int t = 1; t < exceptions.size(); t++) {
            n[exceptions.get(t - 1) ? 1 : 0][exceptions.get(t) ? 1 : 0]++;
        }
        return new TransitionCounts(n[0][0], n[0][1], n[1][0], n[1][1]);
    }

    /** The number of consecutive pairs counted. */
    public int pairs() {
        return n00 + n01 + n10 + n11;
    }
}
