package com.nightshift.reconciliation;

import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.InputSource;
import com.nightshift.common.io.OversizedInputException;
import com.nightshift.common.io.InputFile;
import com.nightshift.common.io.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.nightshift.common.csv.CsvWriter;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.statements.StatementFormat;
import com.nightshift.statements.StatementReaders;

/**
 * One reconciliation job from input bytes to result files: the path that {@code bin/nightshift reconcile}
 * and processing-service both take, so they cannot disagree on formats, duplicates, rejects or defaults.
 *
 * <ol>
 *   <li>read the ledgers (the transaction CSV), the statements (CSV, camt.053 or MT940, told apart by
 *       their content) and the open items of earlier nights, each with its SHA-256 for the manifest;
 *   <li>reject, with a reason, what a reader rejects and every entry whose (account, entry id) an earlier
 *       input of the same side already had (inputs are taken in name order, so the first by name wins);
 *   <li>reconcile with {@link Reconciliation} on the business date;
 *   <li>write each account's files ({@link ResultWriter}) under {@code <account>/}, the rejects of each
 *       input under {@code rejects/}, and the open items for the next night as {@value #OPEN_ITEMS}.
 * </ol>
 * An input that cannot be read at all fails the job with {@link UnreadableFileException} naming it;
 * nothing is written then. Every input is read within {@link InputLimits} (the defaults unless given): a file
 * over the size limit is refused before it is read when its size is known, else when the limit is passed.
 */
public final class ReconciliationPipeline {

    /** The open items the run leaves for the next one, at the top of the sink. */
    public static final String OPEN_ITEMS = "open_items.csv";
    /** Where the rejected rows of an input go: {@code rejects/<input name made safe, without .csv>.csv}. */
    public static final String REJECTS_FOLDER = "rejects/";
    static final List<String> REJECTS_HEADER = List.of("line", "reason", "row");

    /** How the age of an unmatched entry is counted. */
    public enum Ageing {
        /** From the night an entry was first seen: tonight's entries are 0 days old (the service). */
        BY_NIGHT,
        /** From the entry's booking date: one set of files covering many days (the command line). */
        BY_BOOKING_DATE
    }

    /** What one job read and found, for a caller to report. */
    public record Outcome(ReconciliationResult result, List<InputFile> inputs, Map<String, List<RejectedRow>> rejects,
                          long ledgerEntries, long statementEntries, long openItemsIn) {

        /** Matches per rule over all accounts. */
        public Map<MatchRule, Long> matchesByRule() {
            Map<MatchRule, Long> counts = new EnumMap<>(MatchRule.class);
            for (MatchRule rule : MatchRule.values()) {
                counts.put(rule, 0L);
            }
            result.accounts().forEach(a -> a.matches().forEach(m -> counts.merge(m.rule(), 1L, Long::sum)));
            return counts;
        }

        public long unmatchedLedger() {
            return result.accounts().stream().mapToLong(a -> a.unmatchedLedger().size()).sum();
        }

        public long unmatchedStatement() {
            return result.accounts().stream().mapToLong(a -> a.unmatchedStatement().size()).sum();
        }

        public long rejectedRows() {
            return rejects.values().stream().mapToLong(List::size).sum();
        }
    }

    private ReconciliationPipeline() {
    }

    /**
     * Runs one job and writes its files to {@code sink}.
     *
     * @param businessDate the night's date; empty: the latest booking date among the inputs
     */
    public static Outcome run(List<InputSource> ledgers, List<InputSource> statements, List<InputSource> openItems,
                              ReconciliationRules rules, Optional<LocalDate> businessDate, Ageing ageing,
                              OutputSink sink, int threads) throws IOException, UnreadableFileException {
        return run(ledgers, statements, openItems, rules, businessDate, ageing, sink, threads, InputLimits.DEFAULTS);
    }

    /** As {@link #run(List, List, List, ReconciliationRules, Optional, Ageing, OutputSink, int)}, reading within {@code limits}. */
    public static Outcome run(List<InputSource> ledgers, List<InputSource> statements, List<InputSource> openItems,
                              ReconciliationRules rules, Optional<LocalDate> businessDate, Ageing ageing,
                              OutputSink sink, int threads, InputLimits limits) throws IOException, UnreadableFileException {
        List<InputFile> files = new ArrayList<>();
        Map<String, List<RejectedRow>> rejects = new java.util.TreeMap<>();
        List<Transaction> ledger = readSide(ledgers, StatementFormat.CSV, files, rejects, limits);
        List<Transaction> statement = readSide(statements, null, files, rejects, limits);
        List<OpenItem> carried = new ArrayList<>();
        for (InputSource input : sorted(openItems)) {
            try (InputStream in = input.open(limits)) {
                var loaded = ReconciliationInputs.read(input.name(), in, new OpenItemCsvCodec());
                files.add(loaded.file());
                carried.addAll(loaded.records());
                note(rejects, input, loaded.rejected());
            } catch (OversizedInputException e) {
                throw new UnreadableFileException(input.name() + ": " + e.getMessage(), e);
            } catch (UnreadableFileException e) {
                throw new UnreadableFileException(input.name() + ": " + e.getMessage(), e);
            }
        }
        LocalDate date = businessDate.orElseGet(() -> latestBookingDate(ledger, statement, carried));

        Outcome outcome;
        if (ageing == Ageing.BY_BOOKING_DATE) {
            // Every entry as if first seen on its booking date (never after the business date).
            List<OpenItem> aged = new ArrayList<>(carried);
            ledger.forEach(t -> aged.add(OpenItem.of(Side.LEDGER, t, earlier(t.bookingDate(), date))));
            statement.forEach(t -> aged.add(OpenItem.of(Side.STATEMENT, t, earlier(t.bookingDate(), date))));
            outcome = new Outcome(Reconciliation.run(List.of(), List.of(), aged, rules, date, threads), files, rejects,
                    ledger.size(), statement.size(), carried.size());
        } else {
            outcome = new Outcome(Reconciliation.run(ledger, statement, carried, rules, date, threads), files, rejects,
                    ledger.size(), statement.size(), carried.size());
        }
        write(outcome, sink);
        return outcome;
    }

    private static void write(Outcome outcome, OutputSink sink) throws IOException {
        new ResultWriter(outcome.inputs()).writeAll(outcome.result(), sink);
        for (var entry : outcome.rejects().entrySet()) {
            if (entry.getValue().isEmpty()) {
                continue;
            }
            try (OutputStream out = sink.open(REJECTS_FOLDER + safeName(entry.getKey()) + ".csv")) {
                CsvWriter csv = CsvWriter.ofUtf8(out);
                csv.writeRecord(REJECTS_HEADER);
                for (RejectedRow row : entry.getValue()) {
                    csv.writeRecord(List.of(Long.toString(row.lineNumber()), row.reason(), row.rawRowText()));
                }
                csv.flush();
            }
        }
        try (OutputStream out = sink.open(OPEN_ITEMS)) {
            new OpenItemCsvCodec().write(outcome.result().openItems(), out);
        }
    }

    /** One side's inputs in name order; an (account, entry id) already read on this side is a reject. */
    private static List<Transaction> readSide(List<InputSource> inputs, StatementFormat format, List<InputFile> files,
                                              Map<String, List<RejectedRow>> rejects, InputLimits limits)
            throws IOException, UnreadableFileException {
        List<Transaction> entries = new ArrayList<>();
        Map<String, String> firstInputOfId = new HashMap<>();
        for (InputSource input : sorted(inputs)) {
            ReconciliationInputs.Loaded<Transaction> loaded;
            LineNumbers lines = new LineNumbers(inputs.size() > 1);
            try (InputStream in = input.open(limits)) {
                loaded = ReconciliationInputs.transactions(input.name(), in,
                        format == null ? StatementReaders.detecting(limits) : StatementReaders.forFormat(format, limits),
                        lines);
            } catch (OversizedInputException e) {
                throw new UnreadableFileException(input.name() + ": " + e.getMessage(), e);
            } catch (UnreadableFileException e) {
                throw new UnreadableFileException(input.name() + ": " + e.getMessage(), e);
            }
            files.add(loaded.file());
            if (inputs.size() == 1) {
                // One input: its reader has already refused repeated ids; no need to remember them all again.
                entries.addAll(loaded.records());
                note(rejects, input, loaded.rejected());
                continue;
            }
            List<RejectedRow> rejected = new ArrayList<>(loaded.rejected());
            for (int i = 0; i < loaded.records().size(); i++) {
                Transaction t = loaded.records().get(i);
                String earlier = firstInputOfId.putIfAbsent(t.account().value() + "\u0000" + t.entryId(), input.name());
                if (earlier == null) {
                    entries.add(t);
                } else {
                    rejected.add(RejectedRow.of(lines.get(i), "duplicate entry_id '" + t.entryId() + "' for account "
                            + t.account() + ", already in " + earlier, t.entryId()));
                }
            }
            note(rejects, input, rejected);
        }
        return entries;
    }

    /** The line of each record of one input, kept only when a side has several inputs to check ids across. */
    private static final class LineNumbers implements java.util.function.LongConsumer {
        private final boolean kept;
        private long[] lines = new long[16];
        private int size;

        LineNumbers(boolean kept) {
            this.kept = kept;
        }

        @Override
        public void accept(long line) {
            if (kept) {
                if (size == lines.length) {
                    lines = java.util.Arrays.copyOf(lines, size * 2);
                }
                lines[size++] = line;
            }
        }

        long get(int index) {
            return lines[index];
        }
    }

    private static void note(Map<String, List<RejectedRow>> rejects, InputSource input, List<RejectedRow> rows) {
        rejects.computeIfAbsent(input.name(), n -> new ArrayList<>()).addAll(rows);
    }

    private static List<InputSource> sorted(List<InputSource> inputs) {
        return inputs.stream().sorted(Comparator.comparing(InputSource::name)).toList();
    }

    private static LocalDate latestBookingDate(List<Transaction> ledger, List<Transaction> statement, List<OpenItem> carried) {
        LocalDate latest = null;
        for (List<Transaction> side : List.of(ledger, statement)) {
            for (Transaction t : side) {
                latest = latest == null || t.bookingDate().isAfter(latest) ? t.bookingDate() : latest;
            }
        }
        for (OpenItem item : carried) {
            latest = latest == null || item.firstSeen().isAfter(latest) ? item.firstSeen() : latest;
        }
        if (latest == null) {
            throw new IllegalArgumentException("no entries to reconcile and no business date given");
        }
        return latest;
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? b : a;
    }

    /** An input name as one safe file name: every character outside [A-Za-z0-9._-] becomes '~'; no trailing .csv. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "~").replaceAll("^[.~]+", "");
        return safe.endsWith(".csv") ? safe.substring(0, safe.length() - ".csv".length()) : safe;
    }
}
