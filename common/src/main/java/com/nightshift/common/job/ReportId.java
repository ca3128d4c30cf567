package com.nightshift.common.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of a report: one report of each kind per business date, {@code <kind>-<yyyy-mm-dd>} with the
 * kind in lower case ({@code reconciliation-2026-11-20}). A newer rendering of the same report keeps
 * its id and replaces the older one. The id is also the report's object name, so parsing is strict:
 * anything else is refused before it can become an S3 key.
 */
public record ReportId(ReportKind kind, LocalDate businessDate) {

    private static final Pattern FORM = Pattern.compile("([a-z]{1,32})-(\\d{4}-\\d{2}-\\d{2})");

    public ReportId {
        Objects.requireNonNull(kind, "report kind");
        Objects.requireNonNull(businessDate, "business date");
    }

    /** The id of the report of {@code kind} for {@code businessDate}. */
    public static ReportId of(ReportKind kind, LocalDate businessDate) {
        return new ReportId(kind, businessDate);
    }

    /**
     * Reads an id written by {@link #value()}.
     *
     * @throws IllegalArgumentException naming the problem when {@code text} is not a report id
     */
    public static ReportId parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("report id '" + text + "' is not <kind>-<yyyy-mm-dd>");
        }
        ReportKind kind = kind(m.group(1));
        try {
            return new ReportId(kind, LocalDate.parse(m.group(2)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("report id '" + text + "' has no valid date: " + m.group(2), e);
        }
    }

    /** The report kind named {@code name} in any case ({@code risk}, {@code RISK}). */
    public static ReportKind kind(String name) {
        for (ReportKind kind : ReportKind.values()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown report kind '" + name + "'; known: "
                + java.util.Arrays.stream(ReportKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
    }

    /** The id as text: {@code <kind>-<yyyy-mm-dd>}. */
    public String value() {
        return kind.name().toLowerCase(Locale.ROOT) + "-" + businessDate;
    }

    @Override
    public String toString() {
        return value();
    }
}
