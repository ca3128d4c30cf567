package com.nightshift.common.market;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * The closing price of one instrument on one date.
 *
 * <p>Immutable and thread-safe; no component is null; {@code instrumentId} is not empty;
 * {@code close} is exact, strictly positive, and keeps its written scale.
 */
public record PricePoint(String instrumentId, LocalDate priceDate, BigDecimal close, Currency currency) {

    public PricePoint {
        Objects.requireNonNull(instrumentId, "instrumentId");
        if (instrumentId.isEmpty()) {
            throw new IllegalArgumentException("instrument_id is empty");
        }
        Objects.requireNonNull(priceDate, "priceDate");
        Objects.requireNonNull(close, "close");
        if (close.signum() <= 0) {
            throw new IllegalArgumentException("close '" + close.toPlainString() + "' is not positive");
        }
        if (close.scale() < 0) {
            close = close.setScale(0);
        }
        Objects.requireNonNull(currency, "currency");
    }

    public static PricePoint of(String instrumentId, LocalDate priceDate, BigDecimal close, Currency currency) {
        return new PricePoint(instrumentId, priceDate, close, currency);
    }
}
