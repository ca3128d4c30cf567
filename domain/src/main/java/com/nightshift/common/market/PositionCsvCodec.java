package com.nightshift.common.market;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.util.List;
import java.util.Optional;

/**
 * The positions CSV, inbound and staged alike. Header, exactly:
 * {@code as_of_date,portfolio_id,instrument_id,quantity,currency}. Quantity is a signed decimal of
 * any scale; portfolio_id as {@link PortfolioId}. A file holds one position per (portfolio,
 * instrument, as-of date): a second row with the same three is rejected (there is no position id
 * column to tell two lots apart, and adding them up would hide a file sent twice). Writing then
 * reading gives back equal records. Stateless and thread-safe.
 */
public final class PositionCsvCodec extends CsvRecordCodec<Position> {

    public static final List<String> HEADER = List.of("as_of_date", "portfolio_id", "instrument_id", "quantity",
            "currency");

    public PositionCsvCodec() {
        super(HEADER);
    }

    @Override
    protected Position fromRow(CsvRow row) throws InvalidFieldException {
        return Position.of(
                row.date("as_of_date"),
                PortfolioId.of(row.matching("portfolio_id", PortfolioId.PATTERN, PortfolioId.RULE)),
                row.required("instrument_id"),
                row.decimal("quantity"),
                row.currency("currency"));
    }

    @Override
    protected Optional<String> uniqueKey(Position p) {
        return Optional.of("position: portfolio " + p.portfolioId().value() + ", instrument " + p.instrumentId()
                + ", as of " + p.asOfDate());
    }

    @Override
    protected List<String> toFields(Position p) {
        return List.of(p.asOfDate().toString(), p.portfolioId().value(), p.instrumentId(),
                p.quantity().toPlainString(), p.currency().getCurrencyCode());
    }
}
