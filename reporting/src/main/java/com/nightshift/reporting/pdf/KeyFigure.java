package com.nightshift.reporting.pdf;

import java.util.Objects;

/**
 * One labelled figure of a {@link ReportSection.KeyFigures} block, already formatted by the caller
 * (the renderer does not format numbers, so amounts appear exactly as the caller wrote them).
 *
 * <p>Immutable and thread-safe.
 *
 * @param label what the figure is, not blank
 * @param value the formatted value, possibly empty
 */
public record KeyFigure(String label, String value) {

    /** Rejects a blank label and a missing value. */
    public KeyFigure {
        Objects.requireNonNull(label, "key figure label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("key figure label is blank");
        }
        Objects.requireNonNull(value, "value of key figure '" + label + "'");
    }

    /** A key figure; see the record description. */
    public static KeyFigure of(String label, String value) {
        return new KeyFigure(label, value);
    }
}
