package com.nightshift.risk.backtest;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day of a backtest: the P&amp;L realised on {@code date} (a loss is negative) and the VaR that was
 * forecast for it (a loss amount, strictly positive). Immutable.
 */
public record BacktestObservation(LocalDate date, double pnl, double var) {

    public BacktestObservation {
        Objects.requireNonNull(date, "date");
        if (!Double.isFinite(pnl)) {
            throw new IllegalArgumentException("P&L on " + date + " is not a finite number: " + pnl);
        }
        if (!Double.isFinite(var) || var <= 0) {
            throw new IllegalArgumentException("VaR on " + date + " must be a positive number, was " + var);
        }
    }

    /** An exception (a VaR breach): the loss strictly exceeds the VaR, {@code pnl < -var}. A loss equal to the VaR is not one. */
    public boolean isException() {
        return pnl < -var;
    }
}
