package com.nightshift.common.csv;

/**
 * How many data rows a reader saw, and where they went.
 *
 * <p>Immutable. Always {@code rowsRead == accepted + rejected}: the factory refuses anything else,
 * because a row that is neither accepted nor rejected would be a row silently dropped. The header
 * is not a data row.
 */
public record ReadCounts(long rowsRead, long accepted, long rejected) {

    public ReadCounts {
        if (rowsRead < 0 || accepted < 0 || rejected < 0) {
            throw new IllegalArgumentException("counts cannot be negative: " + rowsRead + "/" + accepted + "/" + rejected);
        }
        if (rowsRead != accepted + rejected) {
            throw new IllegalArgumentException("rows read (" + rowsRead + ") must equal accepted ("
                    + accepted + ") + rejected (" + rejected + ")");
        }
    }

    public static ReadCounts of(long accepted, long rejected) {
        return new ReadCounts(accepted + rejected, accepted, rejected);
    }
}
