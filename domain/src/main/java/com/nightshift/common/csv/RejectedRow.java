package com.nightshift.common.csv;

import java.util.Objects;

/**
 * A row of an input file that was not accepted, with why.
 *
 * <p>Immutable. {@code lineNumber} is the 1-based physical line on which the row starts;
 * {@code reason} names the field and the problem (for example {@code amount 'abc' is not a decimal});
 * {@code rawRowText} is the row exactly as it appeared, without its line break.
 */
public record RejectedRow(long lineNumber, String reason, String rawRowText) {

    public RejectedRow {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be at least 1, was " + lineNumber);
        }
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a rejected row needs a reason");
        }
        Objects.requireNonNull(rawRowText, "rawRowText");
    }

    public static RejectedRow of(long lineNumber, String reason, String rawRowText) {
        return new RejectedRow(lineNumber, reason, rawRowText);
    }
}
