package com.nightshift.common.csv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One record of a CSV file as {@link CsvReader} found it.
 *
 * <p>Immutable. {@code lineNumber} is the 1-based physical line on which the record starts (a
 * record with a quoted line break spans several lines). {@code rawText} is the record exactly as it
 * appeared, without its terminating line break, so a rejected row can be reported verbatim.
 * {@code defect} is present when the record broke the quoting rules of RFC 4180; its fields are
 * then a best-effort reading and should not be trusted.
 */
public record CsvRecord(long lineNumber, List<String> fields, String rawText, Optional<String> defect) {

    public CsvRecord {
        if (lineNumber < 1) {
            throw new IllegalArgumentException("lineNumber must be at least 1, was " + lineNumber);
        }
        fields = List.copyOf(fields);
        Objects.requireNonNull(rawText, "rawText");
        Objects.requireNonNull(defect, "defect");
    }

    /** A well-formed record. */
    public static CsvRecord of(long lineNumber, List<String> fields, String rawText) {
        return new CsvRecord(lineNumber, fields, rawText, Optional.empty());
    }

    /** True when the record followed the quoting rules. */
    public boolean wellFormed() {
        return defect.isEmpty();
    }

    /** True for an empty physical line, which RFC 4180 reads as one empty field. */
    public boolean blank() {
        return rawText.isEmpty();
    }
}
