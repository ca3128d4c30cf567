package com.nightshift.risk.engine;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One closing price of an instrument on one business date.
 *
 * <p>Immutable and thread-safe. The close is strictly positive and finite, because the engine
 * takes its logarithm.
 *
 * @param date  the business date of the close
 * @param close the closing price, in the currency of the portfolios that hold the instrument
 */
public record PricePoint(LocalDate date, double close) {

    /** Rejects a missing date and a close that is not a positive finite number. */
    public PricePoint {
        Objects.requireNonNull(date, "price date");
        if (!Double.isFinite(close) || close <= 0.0) {
            throw new IllegalArgumentException("close on " + date + " is " + close + ", not a positive finite number");
        }
    }

    /** A closing price; see the record description for what is validated. */
    public static PricePoint of(LocalDate date, double close) {
        return new PricePoint(date, close);
    }
}
