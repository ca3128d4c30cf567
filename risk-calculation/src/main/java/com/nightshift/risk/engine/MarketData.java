package com.nightshift.risk.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Closing-price histories by instrument: the market data a VaR run is calibrated on.
 *
 * <p>Immutable and thread-safe. It may hold instruments that no portfolio holds; the engine uses
 * only the ones a portfolio holds. The caller decides which dates belong in it (for example, only
 * closes up to the business date being computed).
 */
public final class MarketData {

    private final SortedMap<String, PriceHistory> histories;

    private MarketData(SortedMap<String, PriceHistory> histories) {
        this.histories = Collections.unmodifiableSortedMap(histories);
    }

    /**
     * Market data from one history per instrument.
     *
     * @throws IllegalArgumentException if two histories are for the same instrument
     */
    public static MarketData of(Collection<PriceHistory> histories) {
        Objects.requireNonNull(histories, "price histories");
        TreeMap<String, PriceHistory> byInstrument = new TreeMap<>();
        for (PriceHistory history : histories) {
            Objects.requireNonNull(history, "price history");
            if (byInstrument.putIfAbsent(history.instrumentId(), history) != null) {
                throw new IllegalArgumentException("two price histories for instrument " + history.instrumentId());
            }
        }
        return new MarketData(byInstrument);
    }

    /** A builder that accepts closes in any order, as they come from a prices file. */
    public static Builder builder() {
        return new Builder();
    }

    /** The history of an instrument, or empty if there is none. */
    public Optional<PriceHistory> history(String instrumentId) {
        return Optional.ofNullable(histories.get(instrumentId));
    }

    /** Every history, keyed and sorted by instrument id; unmodifiable. */
    public SortedMap<String, PriceHistory> histories() {
        return histories;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MarketData that && histories.equals(that.histories);
    }

    @Override
    public int hashCode() {
        return histories.hashCode();
    }

    @Override
    public String toString() {
        return "MarketData" + histories.keySet();
    }

    /**
     * Collects closes one at a time, in any order, and sorts each instrument's closes by date.
     * Not thread-safe; use one builder per thread.
     */
    public static final class Builder {

        private final Map<String, TreeMap<LocalDate, PricePoint>> closes = new TreeMap<>();

        private Builder() {
        }

        /**
         * Adds one close.
         *
         * @throws IllegalArgumentException if the instrument already has a close on that date, or the close is invalid
         */
        public Builder add(String instrumentId, LocalDate date, double close) {
            Objects.requireNonNull(instrumentId, "instrument id");
            PricePoint point;
            try {
                point = PricePoint.of(date, close);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(instrumentId + ": " + e.getMessage(), e);
            }
            PricePoint previous = closes.computeIfAbsent(instrumentId, id -> new TreeMap<>()).putIfAbsent(date, point);
            if (previous != null) {
                throw new IllegalArgumentException(instrumentId + ": two closes on " + date);
            }
            return this;
        }

        /** The market data collected so far. */
        public MarketData build() {
            List<PriceHistory> histories = new ArrayList<>();
            closes.forEach((id, points) -> histories.add(PriceHistory.of(id, new ArrayList<>(points.values()))));
            return MarketData.of(histories);
        }
    }
}
