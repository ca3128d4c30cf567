package com.nightshift.risk.var;

import java.util.List;

/**
 * The distribution of the book's simulated P&amp;L (gains positive), for the report: equal-width bins
 * from {@code lower} up; {@code frequencies[i]} is the (weighted) fraction of scenarios in bin
 * {@code i}, the last bin closed at the maximum.
 */
public record PnlHistogram(double lower, double binWidth, List<Double> frequencies) {

    /** Bins in a histogram. */
    public static final int BINS = 50;

    public PnlHistogram {
        frequencies = List.copyOf(frequencies);
    }
}
