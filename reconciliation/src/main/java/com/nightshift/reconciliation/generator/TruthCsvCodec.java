package com.nightshift.reconciliation.generator;

import com.nightshift.common.csv.CsvRecordCodec;
import com.nightshift.common.csv.CsvRow;
import com.nightshift.common.csv.InvalidFieldException;
import java.util.Arrays;
import java.util.List;

/**
 * The CSV form of a ground truth, {@code truth.csv}: header {@code ledger_ids,statement_ids,rule}, ids
 * joined with {@code ;} as in {@code matches.csv}, rule a {@link com.nightshift.reconciliation.MatchRule}
 * id or {@value TruthRow#UNMATCHED}. Stateless and thread-safe.
 */
public final class TruthCsvCodec extends CsvRecordCodec<TruthRow> {

    public static final List<String> HEADER = List.of("ledger_ids", "statement_ids", "rule");

    public TruthCsvCodec() {
        super(HEADER);
    }

    @Override
    protected TruthRow fromRow(CsvRow row) throws InvalidFieldException {
        try {
            return new TruthRow(ids(row.text("ledger_ids")), ids(row.text("statement_ids")), row.required("rule"));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(e.getMessage());
        }
    }

    @Override
    protected List<String> toFields(TruthRow row) {
        return List.of(String.join(";", row.ledgerIds()), String.join(";", row.statementIds()), row.outcome());
    }

    private static List<String> ids(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(";", -1));
    }
}
