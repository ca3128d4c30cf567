package com.nightshift.reporting.pdf;

import java.util.Objects;

/**
 * A column of a {@link ReportSection.Table}: its header text and how its cells are aligned.
 *
 * <p>Immutable and thread-safe. Right alignment is for figures, so that digits line up.
 *
 * @param header    the header text, possibly empty
 * @param alignment how the header and the cells are aligned
 */
public record TableColumn(String header, Alignment alignment) {

    /** How text sits within a column. */
    public enum Alignment {
        /** Flush with the column's left edge. */
        LEFT,
        /** Flush with the column's right edge. */
        RIGHT
    }

    /** Rejects missing values. */
    public TableColumn {
        Objects.requireNonNull(header, "column header");
        Objects.requireNonNull(alignment, "alignment of column '" + header + "'");
    }

    /** A left-aligned column. */
    public static TableColumn left(String header) {
        return new TableColumn(header, Alignment.LEFT);
    }

    /** A right-aligned column, for figures. */
    public static TableColumn right(String header) {
        return new TableColumn(header, Alignment.RIGHT);
    }
}
