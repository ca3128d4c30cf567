package com.nightshift.risk.backtest;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A P&amp;L history joined with VaR forecasts by date: one series of observations per VaR column, and
 * the dates that only one of the two files had (left out of every series). Immutable; dates ascend.
 *
 * @param series      one per VaR column, in the file's column order
 * @param pnlOnlyDates dates with a P&amp;L but no VaR forecast
 * @param varOnlyDates dates with a VaR forecast but no P&amp;L
 */
public record BacktestHistory(List<Series> series, List<LocalDate> pnlOnlyDates, List<LocalDate> varOnlyDates) {

    /** The observations of one VaR column, at the column's confidence level. */
    public record Series(String column, double confidence, List<BacktestObservation> observations) {

        public Series {
            Objects.requireNonNull(column, "column");
            observations = List.copyOf(observations);
        }
    }

    public BacktestHistory {
        series = List.copyOf(series);
        pnlOnlyDates = List.copyOf(pnlOnlyDates);
        varOnlyDates = List.copyOf(varOnlyDates);
    }

    /** The backtest of every series. */
    public List<BacktestResult> backtest() {
        return series.stream().map(s -> Backtest.run(s.observations(), s.confidence())).toList();
    }
}
