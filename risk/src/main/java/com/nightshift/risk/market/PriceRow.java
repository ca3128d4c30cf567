package com.nightshift.risk.market;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code prices.csv}: a factor's close on a date, with the currency when the file has
 * that column.
 *
 * @param date     the date of the close
 * @param factor   the factor's name, as positions and the market name it
 * @param close    strictly positive and finite
 * @param currency the currency of the close, or empty when the file has no currency column
 */
public record PriceRow(LocalDate date, String factor, double close, Optional<String> currency) {

    public PriceRow {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(currency, "currency");
        if (!(close > 0.0) || !Double.isFinite(close)) {
            throw new IllegalArgumentException("close " + close + " is not a positive number");
        }
    }

    /** A close without a currency. */
    public static PriceRow of(LocalDate date, String factor, double close) {
        return new PriceRow(date, factor, close, Optional.empty());
    }
}
