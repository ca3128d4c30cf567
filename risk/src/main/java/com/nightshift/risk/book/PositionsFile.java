package com.nightshift.risk.book;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.risk.market.MarketSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@code positions.csv} read strictly: the positions in file order with the line each came from,
 * so that a later check against the market data can still name the line. Any bad row, a wrong
 * header or a {@code position_id} seen twice ends the read with a {@link RiskInputException}
 * ({@code "positions.csv, line 4: quantity 'abc' is not a decimal"}). The row rules are
 * {@link PositionsCsv}'s, the same that ingestion applies leniently.
 *
 * @param fileName  the file's name, as messages give it
 * @param positions the positions in file order
 * @param lines     the 1-based line of each position, index for index
 */
public record PositionsFile(String fileName, List<RiskPosition> positions, List<Long> lines) {

    private static final PositionsCsv CODEC = new PositionsCsv();

    public PositionsFile {
        Objects.requireNonNull(fileName, "fileName");
        positions = List.copyOf(positions);
        lines = List.copyOf(lines);
        if (positions.size() != lines.size()) {
            throw new IllegalArgumentException(positions.size() + " positions but " + lines.size() + " lines");
        }
    }

    /** Reads {@code path} strictly; messages name the file by its last path element. */
    public static PositionsFile load(Path path) {
        String name = StrictCsv.fileName(path);
        try (InputStream in = StrictCsv.open(path)) {
            return load(name, in);
        } catch (IOException e) {
            throw StrictCsv.cannotRead(name, e);
        }
    }

    /** Reads {@code in} strictly (the stream is not closed); messages name it {@code fileName}. */
    public static PositionsFile load(String fileName, InputStream in) {
        List<AcceptedRow<RiskPosition>> rows = StrictCsv.read(CODEC, fileName, in);
        return new PositionsFile(fileName, rows.stream().map(AcceptedRow::record).toList(),
                rows.stream().map(AcceptedRow::lineNumber).toList());
    }

    /** The positions of {@code path}, in file order; see {@link #load(Path)}. */
    public static List<RiskPosition> read(Path path) {
        return load(path).positions();
    }

    /** The positions of {@code in}, in file order; see {@link #load(String, InputStream)}. */
    public static List<RiskPosition> read(String fileName, InputStream in) {
        return load(fileName, in).positions();
    }

    /** The line the position at {@code index} was read from. */
    public long lineOf(int index) {
        return lines.get(index);
    }

    /**
     * Checks that every position's underlying is a factor of {@code market}; the first that is not
     * fails with {@code "positions.csv, line 3: position P7: underlying factor XYZ is not in the
     * market data"}.
     *
     * @return this, for chaining
     */
    public PositionsFile validate(MarketSnapshot market) {
        for (int i = 0; i < positions.size(); i++) {
            RiskPosition position = positions.get(i);
            if (market.indexOf(position.underlying()).isEmpty()) {
                throw new RiskInputException(fileName, lines.get(i), unknownFactor(position));
            }
        }
        return this;
    }

    /**
     * The same check for positions that did not come from a file (no line to name): the message
     * names {@code source} and the position.
     */
    public static void validate(String source, List<RiskPosition> positions, MarketSnapshot market) {
        for (RiskPosition position : positions) {
            if (market.indexOf(position.underlying()).isEmpty()) {
                throw new RiskInputException(source, unknownFactor(position));
            }
        }
    }

    private static String unknownFactor(RiskPosition position) {
        return "position " + position.positionId() + ": underlying factor " + position.underlying()
                + " is not in the market data";
    }
}
