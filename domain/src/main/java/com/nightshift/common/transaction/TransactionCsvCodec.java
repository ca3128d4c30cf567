package com.nightshift.common.transaction;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.util.List;

/**
 * The transaction CSV used for ledgers and statements, inbound and staged alike.
 *
 * <p>Header, exactly:
 * {@code entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description}.
 * Dates are ISO-8601; amount is a signed decimal with at most four fraction digits; currency an
 * ISO 4217 code; account as {@link AccountId}; entry_id not empty; the last three columns may be
 * empty. Writing then reading gives back equal records. Stateless and thread-safe.
 */
public final class TransactionCsvCodec extends CsvRecordCodec<Transaction> implements TransactionReader {

    public static final List<String> HEADER = List.of("entry_id", "account", "booking_date", "value_date",
            "amount", "currency", "counterparty", "reference", "description");

    public TransactionCsvCodec() {
        super(HEADER);
    }

    /** A codec that reads within {@code limits}. */
    public TransactionCsvCodec(com.nightshift.common.io.InputLimits limits) {
        super(HEADER, limits);
    }

    @Override
    protected Transaction fromRow(CsvRow row) throws InvalidFieldException {
        return transaction(row);
    }

    @Override
    protected List<String> toFields(Transaction t) {
        return fields(t);
    }

    /**
     * The transaction in the columns of {@link #HEADER} of {@code row}, for a format that embeds them (the
     * open items of reconciliation); a bad account is an {@link IllegalArgumentException} naming it.
     */
    public static Transaction transaction(CsvRow row) throws InvalidFieldException {
        return Transaction.of(
                row.required("entry_id"),
                // AccountId refuses a bad value with the reason "account '...' must be ...".
                AccountId.of(row.required("account")),
                row.date("booking_date"),
                row.date("value_date"),
                row.decimal("amount", Transaction.MAX_FRACTION_DIGITS),
                row.currency("currency"),
                row.text("counterparty"),
                row.text("reference"),
                row.text("description"));
    }

    /** {@code t} in the order of {@link #HEADER}. */
    public static List<String> fields(Transaction t) {
        return List.of(t.entryId(), t.account().value(), t.bookingDate().toString(), t.valueDate().toString(),
                t.amount().toPlainString(), t.currency().getCurrencyCode(), t.counterparty(), t.reference(),
                t.description());
    }
}
