package com.nightshift.risk.market;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.csv.RejectedRow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code prices.csv} of a VaR run estimated from history: one close a row. Header, exactly,
 * {@code date,factor,close} or, with a currency, {@code date,factor,close,currency}; a file uses
 * one of the two, and {@link #forHeader} picks the codec for it. {@code date} is ISO-8601,
 * {@code close} a plain decimal &gt; 0. A (factor, date) pair may appear once per file.
 *
 * <p>All rows of a file with a currency column must have one currency. That is a rule across rows,
 * which a codec row by row cannot apply; {@link #otherCurrencies} applies it to the accepted rows,
 * for the strict reader and ingestion alike. Writing then reading gives back equal records.
 * Stateless and thread-safe.
 */
public final class PriceHistoryCsv extends CsvRecordCodec<PriceRow> {

    public static final List<String> HEADER = List.of("date", "factor", "close");
    public static final List<String> HEADER_WITH_CURRENCY = List.of("date", "factor", "close", "currency");

    private final boolean withCurrency;

    private PriceHistoryCsv(boolean withCurrency) {
        super(withCurrency ? HEADER_WITH_CURRENCY : HEADER);
        this.withCurrency = withCurrency;
    }

    /** The codec for files with header {@code date,factor,close}. */
    public static PriceHistoryCsv withoutCurrency() {
        return new PriceHistoryCsv(false);
    }

    /** The codec for files with header {@code date,factor,close,currency}. */
    public static PriceHistoryCsv withCurrency() {
        return new PriceHistoryCsv(true);
    }

    /** The codec whose header is {@code header}, if either is. */
    public static Optional<PriceHistoryCsv> forHeader(List<String> header) {
        if (HEADER.equals(header)) {
            return Optional.of(withoutCurrency());
        }
        if (HEADER_WITH_CURRENCY.equals(header)) {
            return Optional.of(withCurrency());
        }
        return Optional.empty();
    }

    /** Whether this codec's files carry a currency column. */
    public boolean hasCurrency() {
        return withCurrency;
    }

    @Override
    protected PriceRow fromRow(CsvRow row) throws InvalidFieldException {
        var date = row.date("date");
        String factor = row.required("factor");
        double close = row.real("close");
        if (!(close > 0.0)) {
            throw new InvalidFieldException("close '" + row.text("close") + "' is not greater than 0");
        }
        Optional<String> currency = withCurrency ? Optional.of(row.required("currency")) : Optional.empty();
        return new PriceRow(date, factor, close, currency);
    }

    @Override
    protected Optional<String> uniqueKey(PriceRow row) {
        return Optional.of("close of " + row.factor() + " on " + row.date());
    }

    @Override
    protected List<String> toFields(PriceRow row) {
        List<String> fields = new ArrayList<>(List.of(row.date().toString(), row.factor(),
                BigDecimal.valueOf(row.close()).toPlainString()));
        if (withCurrency) {
            fields.add(row.currency().orElse(""));
        }
        return fields;
    }

    /**
     * The accepted rows whose currency is not that of the first accepted row, as rejections
     * ({@code "mixed currencies: line 9 has EUR, line 2 had USD"}), in file order; none for rows
     * without a currency.
     */
    public static List<RejectedRow> otherCurrencies(List<AcceptedRow<PriceRow>> rows) {
        List<RejectedRow> rejected = new ArrayList<>();
        AcceptedRow<PriceRow> first = null;
        for (AcceptedRow<PriceRow> row : rows) {
            Optional<String> currency = row.record().currency();
            if (currency.isEmpty()) {
                continue;
            }
            if (first == null) {
                first = row;
            } else if (!currency.equals(first.record().currency())) {
                rejected.add(row.reject("mixed currencies: line " + row.lineNumber() + " has " + currency.get()
                        + ", line " + first.lineNumber() + " had " + first.record().currency().get()));
            }
        }
        return rejected;
    }
}
