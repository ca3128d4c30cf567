package com.nightshift.risk.backtest;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The VaR forecast for one day's P&amp;L at each confidence level of its file, in the file's column
 * order; each a positive loss amount. Immutable.
 */
public record VarForecast(LocalDate date, List<Double> vars) {

    public VarForecast {
        Objects.requireNonNull(date, "date");
        vars = List.copyOf(vars);
        for (double var : vars) {
            if (!Double.isFinite(var) || var <= 0) {
                throw new IllegalArgumentException("VaR on " + date + " must be a positive number, was " + var);
            }
        }
    }
}
