package com.nightshift.common.market;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.util.List;

/**
 * The prices CSV (closing price history), inbound and staged alike. Header, exactly:
 * {@code instrument_id,price_date,close,currency}. Close is a strictly positive decimal. Writing
 * then reading gives back equal records. Stateless and thread-safe.
 */
public final class PriceCsvCodec extends CsvRecordCodec<PricePoint> {

    public static final List<String> HEADER = List.of("instrument_id", "price_date", "close", "currency");

    public PriceCsvCodec() {
        super(HEADER);
    }

    @Override
    protected PricePoint fromRow(CsvRow row) throws InvalidFieldException {
        return PricePoint.of(
                row.required("instrument_id"),
                row.date("price_date"),
                row.positiveDecimal("close"),
                row.currency("currency"));
    }

    @Override
    protected List<String> toFields(PricePoint p) {
        return List.of(p.instrumentId(), p.priceDate().toString(), p.close().toPlainString(),
                p.currency().getCurrencyCode());
    }
}
