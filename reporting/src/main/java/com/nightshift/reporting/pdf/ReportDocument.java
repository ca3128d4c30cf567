package com.nightshift.reporting.pdf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A report as its author describes it: a title, a few subtitle lines, when it was generated and a
 * sequence of sections. It says what to show, not how; {@link ReportRenderer} decides the layout.
 *
 * <p>Immutable and thread-safe. Strings may contain any Unicode text; characters the PDF fonts
 * cannot show are replaced when rendering, never rejected.
 *
 * @param title         the report title, not blank; also the PDF's document title
 * @param subtitleLines lines shown under the title (for example the business date and the source), possibly none
 * @param businessDate  the business date the report is about; kept in the PDF's metadata for the archive
 * @param runId         the run (job) that produced the report, not blank; kept in the PDF's metadata
 * @param generatedAt   when the report was generated; shown in the header and used as the PDF creation date
 * @param sections      the body, in order, possibly none
 */
public record ReportDocument(String title, List<String> subtitleLines, LocalDate businessDate, String runId,
        Instant generatedAt, List<ReportSection> sections) {

    /** Rejects a blank title and missing values, and copies the lists. */
    public ReportDocument {
        Objects.requireNonNull(title, "report title");
        if (title.isBlank()) {
            throw new IllegalArgumentException("report title is blank");
        }
        subtitleLines = copyOf(subtitleLines, "subtitle line of report '" + title + "'");
        Objects.requireNonNull(businessDate, "business date of report '" + title + "'");
        Objects.requireNonNull(runId, "run id of report '" + title + "'");
        if (runId.isBlank()) {
            throw new IllegalArgumentException("run id of report '" + title + "' is blank");
        }
        Objects.requireNonNull(generatedAt, "generation time of report '" + title + "'");
        sections = copyOf(sections, "section of report '" + title + "'");
    }

    /** A report; see the record description. */
    public static ReportDocument of(String title, List<String> subtitleLines, LocalDate businessDate, String runId,
            Instant generatedAt, List<ReportSection> sections) {
        return new ReportDocument(title, subtitleLines, businessDate, runId, generatedAt, sections);
    }

    private static <T> List<T> copyOf(List<T> items, String what) {
        Objects.requireNonNull(items, what + "s");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw new IllegalArgumentException(what + " " + (i + 1) + " is null");
            }
        }
        return List.copyOf(items);
    }
}
