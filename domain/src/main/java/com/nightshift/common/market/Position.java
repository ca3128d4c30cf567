package com.nightshift.common.market;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * A holding of one instrument in one portfolio at the close of {@code asOfDate}.
 *
 * <p>Immutable and thread-safe; no component is null; {@code instrumentId} is not empty;
 * {@code quantity} is exact and signed (short positions are negative) and keeps its written scale.
 */
public record Position(LocalDate asOfDate, PortfolioId portfolioId, String instrumentId, BigDecimal quantity,
                       Currency currency) {

    public Position {
        Objects.requireNonNull(asOfDate, "asOfDate");
        Objects.requireNonNull(portfolioId, "portfolioId");
        Objects.requireNonNull(instrumentId, "instrumentId");
        if (instrumentId.isEmpty()) {
            throw new IllegalArgumentException("instrument_id is empty");
        }
        Objects.requireNonNull(quantity, "quantity");
        if (quantity.scale() < 0) {
            quantity = quantity.setScale(0);
        }
        Objects.requireNonNull(currency, "currency");
    }

    public static Position of(LocalDate asOfDate, PortfolioId portfolioId, String instrumentId, BigDecimal quantity,
                              Currency currency) {
        return new Position(asOfDate, portfolioId, instrumentId, quantity, currency);
    }
}
