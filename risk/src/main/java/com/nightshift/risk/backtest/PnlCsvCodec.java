package com.nightshift.risk.backtest;

import java.util.List;
import java.util.Optional;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;

/**
 * The daily P&amp;L CSV of a backtest. Header, exactly: {@code date,pnl}. The date is ISO-8601 and
 * unique in a file; the P&amp;L a plain signed decimal, a loss negative. Stateless and thread-safe.
 */
public final class PnlCsvCodec extends CsvRecordCodec<DailyPnl> {

    public static final List<String> HEADER = List.of("date", "pnl");

    public PnlCsvCodec() {
        super(HEADER);
    }

    @Override
    protected DailyPnl fromRow(CsvRow row) throws InvalidFieldException {
        return new DailyPnl(row.date("date"), row.real("pnl"));
    }

    @Override
    protected Optional<String> uniqueKey(DailyPnl record) {
        return Optional.of("date " + record.date());
    }

    @Override
    protected List<String> toFields(DailyPnl record) {
        return List.of(record.date().toString(), Double.toString(record.pnl()));
    }
}
