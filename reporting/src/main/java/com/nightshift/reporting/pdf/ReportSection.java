package com.nightshift.reporting.pdf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One block of a report body: key figures, a table, a paragraph of text, or a chart (a histogram or a
 * bar chart, drawn as vector graphics). Each has a heading, which may be empty for none.
 *
 * <p>Every implementation is an immutable, thread-safe record that validates its contents on
 * construction, so a renderer never meets a malformed section.
 */
public sealed interface ReportSection permits ReportSection.KeyFigures, ReportSection.Table, ReportSection.Paragraph,
        ReportSection.Histogram, ReportSection.BarChart {

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

    /**
     * A histogram of a distribution (for example the P&amp;L over the scenarios) with vertical markers
     * at named values (for example VaR and ES, drawn at their P&amp;L, that is minus the loss).
     *
     * @param heading    the heading, empty for none
     * @param valueLabel what the horizontal axis measures, with its unit (for example "P&amp;L, USD")
     * @param bins       adjacent bins in ascending order, at least one
     * @param markers    vertical lines to mark, possibly none
     */
    record Histogram(String heading, String valueLabel, List<Bin> bins, List<Marker> markers) implements ReportSection {

        /** One bin: values in [from, to) and how many fell in it. */
        public record Bin(double from, double to, long count) {
            public Bin {
                if (!(Double.isFinite(from) && Double.isFinite(to) && from < to) || count < 0) {
                    throw new IllegalArgumentException("histogram bin [" + from + ", " + to + ") count " + count
                            + " needs finite edges in order and a count of at least 0");
                }
            }
        }

        /** A vertical line at {@code value}, labelled. */
        public record Marker(String label, double value) {
            public Marker {
                Objects.requireNonNull(label, "marker label");
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("marker '" + label + "' is at " + value);
                }
            }
        }

        /** Rejects missing values, an empty or unordered list of bins, and copies the lists. */
        public Histogram {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(valueLabel, "value label of histogram '" + heading + "'");
            Objects.requireNonNull(bins, "bins of histogram '" + heading + "'");
            if (bins.isEmpty()) {
                throw new IllegalArgumentException("histogram '" + heading + "' has no bins");
            }
            for (int i = 1; i < bins.size(); i++) {
                if (bins.get(i).from() < bins.get(i - 1).to()) {
                    throw new IllegalArgumentException("histogram '" + heading + "' bin " + (i + 1)
                            + " starts before bin " + i + " ends");
                }
            }
            bins = List.copyOf(bins);
            markers = List.copyOf(Objects.requireNonNull(markers, "markers of histogram '" + heading + "'"));
        }
    }

    /**
     * Horizontal bars, one per labelled value, in the given order (for example each portfolio's
     * contribution to the book's VaR, or open items per age bucket). Values may be negative.
     *
     * @param heading    the heading, empty for none
     * @param valueLabel what the values measure, with its unit
     * @param bars       the bars, at least one
     */
    record BarChart(String heading, String valueLabel, List<Bar> bars) implements ReportSection {

        /** One bar. */
        public record Bar(String label, double value) {
            public Bar {
                Objects.requireNonNull(label, "bar label");
                if (!Double.isFinite(value)) {
                    throw new IllegalArgumentException("bar '" + label + "' has value " + value);
                }
            }
        }

        /** Rejects missing values and an empty list of bars, and copies the list. */
        public BarChart {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(valueLabel, "value label of bar chart '" + heading + "'");
            Objects.requireNonNull(bars, "bars of bar chart '" + heading + "'");
            if (bars.isEmpty()) {
                throw new IllegalArgumentException("bar chart '" + heading + "' has no bars");
            }
            bars = List.copyOf(bars);
        }
    }
}
