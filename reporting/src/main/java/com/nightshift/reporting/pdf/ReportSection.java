package com.nightshift.reporting.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One block of a report body: key figures, a table, or a paragraph of text. Each has a heading,
 * which may be empty for none.
 *
 * <p>Every implementation is an immutable, thread-safe record that validates its contents on
 * construction, so a renderer never meets a malformed section.
 */
public sealed interface ReportSection permits ReportSection.KeyFigures, ReportSection.Table, ReportSection.Paragraph {

    /** The heading shown above the section; empty for none. */
    String heading();

    /** Key figures in the map's iteration order (pass a {@code LinkedHashMap} or a sorted map to fix it). */
    static KeyFigures keyFigures(String heading, Map<String, String> figures) {
        Objects.requireNonNull(figures, "key figures");
        List<KeyFigure> list = new ArrayList<>(figures.size());
        figures.forEach((label, value) -> list.add(KeyFigure.of(label, value)));
        return new KeyFigures(heading, list);
    }

    /** A table whose columns are all left-aligned; {@link Table#of} sets alignment per column. */
    static Table table(String heading, List<String> headers, List<List<String>> rows) {
        Objects.requireNonNull(headers, "table headers");
        return new Table(heading, headers.stream().map(TableColumn::left).toList(), rows);
    }

    /** A paragraph; line breaks in the text start new lines, long lines are wrapped. */
    static Paragraph paragraph(String heading, String text) {
        return new Paragraph(heading, text);
    }

    /**
     * Label and value pairs shown as two columns, labels in the regular face and values in bold.
     *
     * @param heading the heading, empty for none
     * @param figures the pairs in display order, at least one
     */
    record KeyFigures(String heading, List<KeyFigure> figures) implements ReportSection {

        /** Rejects a missing heading and an empty list, and copies the list. */
        public KeyFigures {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(figures, "key figures of section '" + heading + "'");
            if (figures.isEmpty()) {
                throw new IllegalArgumentException("key figures section '" + heading + "' has no figures");
            }
            figures = List.copyOf(figures);
        }
    }

    /**
     * A table with a header row. Long tables continue on following pages with the header row
     * repeated; long cells wrap within their column.
     *
     * @param heading the heading, empty for none
     * @param columns the columns, at least one
     * @param rows    the rows, possibly none; each has exactly one cell per column
     */
    record Table(String heading, List<TableColumn> columns, List<List<String>> rows) implements ReportSection {

        /** Rejects missing values and rows whose width differs from the header's, and copies everything. */
        public Table {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(columns, "columns of table '" + heading + "'");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("table '" + heading + "' has no columns");
            }
            columns = List.copyOf(columns);
            Objects.requireNonNull(rows, "rows of table '" + heading + "'");
            List<List<String>> copy = new ArrayList<>(rows.size());
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row == null || row.size() != columns.size()) {
                    throw new IllegalArgumentException("table '" + heading + "' row " + (r + 1) + " has "
                            + (row == null ? "no" : String.valueOf(row.size())) + " cells, expected " + columns.size());
                }
                for (int c = 0; c < row.size(); c++) {
                    if (row.get(c) == null) {
                        throw new IllegalArgumentException("table '" + heading + "' row " + (r + 1) + " column "
                                + (c + 1) + " is null; use an empty string for an empty cell");
                    }
                }
                copy.add(List.copyOf(row));
            }
            rows = List.copyOf(copy);
        }

        /** A table with explicit columns; see the record description. */
        public static Table of(String heading, List<TableColumn> columns, List<List<String>> rows) {
            return new Table(heading, columns, rows);
        }
    }

    /**
     * Running text.
     *
     * @param heading the heading, empty for none
     * @param text    the text; {@code \n} starts a new line, and long lines wrap at spaces
     */
    record Paragraph(String heading, String text) implements ReportSection {

        /** Rejects missing values. */
        public Paragraph {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(text, "text of paragraph '" + heading + "'");
        }
    }
}
