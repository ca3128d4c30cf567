package com.nightshift.common.csv;

import java.util.Objects;

/**
 * A row that passed validation, with where it came from.
 *
 * <p>Immutable when {@code T} is. The line number and raw text let a later, file-wide rule (such as
 * a duplicate key) still reject the row with the same provenance as any other rejected row.
 */
public record AcceptedRow<T>(long lineNumber, T record, String rawRowText) {

    public AcceptedRow {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be at least 1, was " + lineNumber);
        }
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(rawRowText, "rawRowText");
    }

    /** This row turned into a rejection, for a rule that applies after parsing. */
    public RejectedRow reject(String reason) {
        return RejectedRow.of(lineNumber, reason, rawRowText);
    }
}
