package com.nightshift.reconciliation;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import com.nightshift.common.transaction.TransactionCsvCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV form of open items, as the service stores them between nights.
 *
 * <p>Header, exactly: {@code side,first_seen,} followed by the transaction CSV's columns
 * ({@code entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description}),
 * with the same rules for each. {@code side} is {@code ledger} or {@code statement}; {@code first_seen} an
 * ISO-8601 date. Writing then reading gives back equal records; a bad row is rejected with its line number
 * and reason like any other input. Stateless and thread-safe.
 */
public final class OpenItemCsvCodec extends CsvRecordCodec<OpenItem> {

    public static final List<String> HEADER = List.of("side", "first_seen", "entry_id", "account", "booking_date",
            "value_date", "amount", "currency", "counterparty", "reference", "description");

    public OpenItemCsvCodec() {
        super(HEADER);
    }

    @Override
    protected OpenItem fromRow(CsvRow row) throws InvalidFieldException {
        String side = row.required("side");
        Side parsed = Side.byId(side).orElseThrow(
                () -> new InvalidFieldException("side '" + side + "' must be 'ledger' or 'statement'"));
        return OpenItem.of(parsed, TransactionCsvCodec.transaction(row), row.date("first_seen"));
    }

    @Override
    protected List<String> toFields(OpenItem item) {
        List<String> fields = new ArrayList<>(HEADER.size());
        fields.add(item.side().id());
        fields.add(item.firstSeen().toString());
        fields.addAll(TransactionCsvCodec.fields(item.entry()));
        return fields;
    }
}
