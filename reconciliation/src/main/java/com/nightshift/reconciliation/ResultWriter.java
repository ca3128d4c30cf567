package com.nightshift.reconciliation;

import com.nightshift.common.io.InputFile;
import com.nightshift.common.io.OutputSink;
import com.nightshift.common.csv.CsvWriter;
import com.nightshift.common.transaction.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the result files of a reconciliation, per account, through an {@link OutputSink}:
 * <ul>
 *   <li>{@value #MATCHES}: {@code ledger_ids,statement_ids,rule,amount_difference,value_date_difference_days},
 *       ids joined with {@code ;}, one row per {@link Match} in its order;
 *   <li>{@value #UNMATCHED_LEDGER} and {@value #UNMATCHED_STATEMENT}: {@code entry_id,age_days,} then the
 *       entry's other fields as in the transaction CSV ({@code account,booking_date,value_date,amount,
 *       currency,counterparty,reference,description});
 *   <li>{@value #SUMMARY}: {@link ReconciliationSummary};
 *   <li>{@value #MANIFEST}: {@link ReconciliationManifest}, written last.
 * </ul>
 * The CSV files are RFC 4180 by the domain's {@link CsvWriter} (UTF-8, CRLF). Rows are written as they
 * are produced, so no file is held in memory whole. Every stream opened is closed, also on failure.
 * Immutable and thread-safe.
 */
public final class ResultWriter {

    public static final String MATCHES = "matches.csv";
    public static final String UNMATCHED_LEDGER = "unmatched_ledger.csv";
    public static final String UNMATCHED_STATEMENT = "unmatched_statement.csv";
    public static final String SUMMARY = "summary.json";
    public static final String MANIFEST = "manifest.json";

    public static final List<String> MATCHES_HEADER = List.of("ledger_ids", "statement_ids", "rule",
            "amount_difference", "value_date_difference_days");
    public static final List<String> UNMATCHED_HEADER = List.of("entry_id", "age_days", "account", "booking_date",
            "value_date", "amount", "currency", "counterparty", "reference", "description");

    private final List<InputFile> inputs;
    private final String codeVersion;

    /** A writer whose manifests list {@code inputs} and the running engine's version. */
    public ResultWriter(List<InputFile> inputs) {
        this(inputs, ReconciliationManifest.currentCodeVersion());
    }

    public ResultWriter(List<InputFile> inputs, String codeVersion) {
        this.inputs = List.copyOf(inputs);
        this.codeVersion = Objects.requireNonNull(codeVersion, "codeVersion");
    }

    /** Every account's files, each account under {@code <account>/} of {@code sink}. */
    public void writeAll(ReconciliationResult result, OutputSink sink) throws IOException {
        for (AccountReconciliation account : result.accounts()) {
            write(account, result.rules(), sink.under(account.account().value() + "/"));
        }
    }

    /** One account's five files, under their plain names in {@code sink}. */
    public void write(AccountReconciliation account, ReconciliationRules rules, OutputSink sink) throws IOException {
        try (OutputStream out = sink.open(MATCHES)) {
            writeMatches(account.matches(), out);
        }
        try (OutputStream out = sink.open(UNMATCHED_LEDGER)) {
            writeUnmatched(account.unmatchedLedger(), account.businessDate(), out);
        }
        try (OutputStream out = sink.open(UNMATCHED_STATEMENT)) {
            writeUnmatched(account.unmatchedStatement(), account.businessDate(), out);
        }
        try (OutputStream out = sink.open(SUMMARY)) {
            ResultDocuments.writeSummary(account.summary(), out);
        }
        try (OutputStream out = sink.open(MANIFEST)) {
            ResultDocuments.writeManifest(new ReconciliationManifest(account.account().value(), account.businessDate(),
                    inputs, rules, codeVersion, List.of(MATCHES, UNMATCHED_LEDGER, UNMATCHED_STATEMENT, SUMMARY)), out);
        }
    }

    /** {@value #MATCHES} of {@code matches}, header first; the stream is flushed, not closed. */
    public static void writeMatches(List<Match> matches, OutputStream out) throws IOException {
        CsvWriter csv = CsvWriter.ofUtf8(out);
        csv.writeRecord(MATCHES_HEADER);
        List<String> row = new ArrayList<>(MATCHES_HEADER.size());
        for (Match match : matches) {
            row.clear();
            row.add(ids(match.ledger()));
            row.add(ids(match.statement()));
            row.add(match.rule().id());
            row.add(match.amountDifference().toPlainString());
            row.add(Integer.toString(match.valueDateDifferenceDays()));
            csv.writeRecord(row);
        }
        csv.flush();
    }

    /** An unmatched file of {@code items}, aged at {@code businessDate}, header first; flushed, not closed. */
    public static void writeUnmatched(List<OpenItem> items, LocalDate businessDate, OutputStream out) throws IOException {
        CsvWriter csv = CsvWriter.ofUtf8(out);
        csv.writeRecord(UNMATCHED_HEADER);
        List<String> row = new ArrayList<>(UNMATCHED_HEADER.size());
        for (OpenItem item : items) {
            Transaction t = item.entry();
            row.clear();
            row.add(t.entryId());
            row.add(Long.toString(item.ageDays(businessDate)));
            row.add(t.account().value());
            row.add(t.bookingDate().toString());
            row.add(t.valueDate().toString());
            row.add(t.amount().toPlainString());
            row.add(t.currency().getCurrencyCode());
            row.add(t.counterparty());
            row.add(t.reference());
            row.add(t.description());
            csv.writeRecord(row);
        }
        csv.flush();
    }

    private static String ids(List<Transaction> entries) {
        if (entries.size() == 1) {
            return entries.get(0).entryId();
        }
        StringBuilder ids = new StringBuilder();
        for (Transaction t : entries) {
            if (!ids.isEmpty()) {
                ids.append(';');
            }
            ids.append(t.entryId());
        }
        return ids.toString();
    }
}
