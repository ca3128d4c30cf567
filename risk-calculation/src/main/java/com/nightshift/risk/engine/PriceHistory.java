package com.nightshift.risk.engine;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The closing-price history of one instrument, in strictly increasing date order.
 *
 * <p>Immutable and thread-safe. Dates need not be consecutive business days; the engine aligns
 * histories on the dates they share.
 *
 * @param instrumentId the instrument, not blank
 * @param points       the closes, oldest first, dates strictly increasing, never empty, unmodifiable
 */
public record PriceHistory(String instrumentId, List<PricePoint> points) {

    /** Validates the id and the ordering and takes an unmodifiable copy of the points. */
    public PriceHistory {
        Objects.requireNonNull(instrumentId, "instrument id");
        if (instrumentId.isBlank()) {
            throw new IllegalArgumentException("price history has a blank instrument id");
        }
        Objects.requireNonNull(points, "price history of " + instrumentId);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("price history of " + instrumentId + " is empty");
        }
        points = List.copyOf(points);
        LocalDate previous = null;
        for (PricePoint point : points) {
            if (previous != null && !point.date().isAfter(previous)) {
                throw new IllegalArgumentException("price history of " + instrumentId + ": date " + point.date()
                        + " does not follow " + previous + " (dates must be strictly increasing)");
            }
            previous = point.date();
        }
    }

    /**
     * A price history from closes in date order.
     *
     * @throws IllegalArgumentException if the id is blank, there are no points, or dates repeat or go backwards
     */
    public static PriceHistory of(String instrumentId, List<PricePoint> points) {
        return new PriceHistory(instrumentId, points);
    }

    /** The most recent close. */
    public PricePoint latest() {
        return points.get(points.size() - 1);
    }
}
