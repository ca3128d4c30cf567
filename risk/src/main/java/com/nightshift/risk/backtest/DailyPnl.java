package com.nightshift.risk.backtest;

import java.time.LocalDate;
import java.util.Objects;

/** The P&amp;L realised on one day; a loss is negative. Immutable. */
public record DailyPnl(LocalDate date, double pnl) {

    public DailyPnl {
        Objects.requireNonNull(date, "date");
        if (!Double.isFinite(pnl)) {
            throw new IllegalArgumentException("pnl on " + date + " is not a finite number");
        }
    }
}
