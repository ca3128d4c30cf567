package com.nightshift.common.market;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.util.List;

/**
 * The positions CSV, inbound and staged alike. Header, exactly:
 * {@code as_of_date,portfolio_id,instrument_id,quantity,currency}. Quantity is a signed decimal of
 * any scale; portfolio_id as {@link PortfolioId}. Writing then reading gives back equal records.
 * Stateless and thread-safe.
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
    protected List<String> toFields(Position p) {
        return List.of(p.asOfDate().toString(), p.portfolioId().value(), p.instrumentId(),
                p.quantity().toPlainString(), p.currency().getCurrencyCode());
    }
}
