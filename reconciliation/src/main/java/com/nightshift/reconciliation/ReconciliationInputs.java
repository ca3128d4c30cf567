package com.nightshift.reconciliation;

import com.nightshift.common.io.InputFile;
import com.nightshift.common.csv.RecordReader;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

/**
 * Reads the inputs of a reconciliation in one pass each: the records, the rejected rows, and the SHA-256
 * of the bytes for the manifest. Only the records are kept (not the raw text of accepted rows), and
 * within one input equal accounts, dates and counterparties are one shared instance each: that is what
 * keeps a million-entry side in a few hundred megabytes. The records are equal to what the reader
 * produced. Stateless and thread-safe.
 */
public final class ReconciliationInputs {

    /**
     * What one input gave.
     *
     * @param file     its name and checksum, for the manifest
     * @param records  the accepted records, in file order
     * @param rejected the rejected rows with line numbers and reasons, in file order
     */
    public record Loaded<T>(InputFile file, List<T> records, List<RejectedRow> rejected) {
        public Loaded {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(records, "records");
            Objects.requireNonNull(rejected, "rejected");
        }
    }

    private ReconciliationInputs() {
    }

    /** A transaction CSV file (ledger or statement), named in the manifest by its path as given. */
    public static Loaded<Transaction> transactions(Path file) throws IOException, UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, new TransactionCsvCodec(), new Shared()::transaction, line -> { });
        }
    }

    /** An open-items CSV file ({@link OpenItemCsvCodec}), named in the manifest by its path as given. */
    public static Loaded<OpenItem> openItems(Path file) throws IOException, UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            Shared shared = new Shared();
            return read(file.toString(), in, new OpenItemCsvCodec(),
                    item -> OpenItem.of(item.side(), shared.transaction(item.entry()), shared.date(item.firstSeen())),
                    line -> { });
        }
    }

    /**
     * Transactions read by {@code reader} (any statement format), called {@code name} in the manifest, with
     * equal accounts, dates and counterparties shared as {@link #transactions(Path)} does; the stream is not closed.
     */
    public static Loaded<Transaction> transactions(String name, InputStream in, RecordReader<Transaction> reader)
            throws IOException, UnreadableFileException {
        return read(name, in, reader, new Shared()::transaction, line -> { });
    }

    /** As {@link #transactions(String, InputStream, RecordReader)}, telling {@code lineNumbers} the line of each record in order. */
    public static Loaded<Transaction> transactions(String name, InputStream in, RecordReader<Transaction> reader,
                                                   LongConsumer lineNumbers) throws IOException, UnreadableFileException {
        return read(name, in, reader, new Shared()::transaction, lineNumbers);
    }

    /** Any input read by {@code reader}, called {@code name} in the manifest; the stream is not closed. */
    public static <T> Loaded<T> read(String name, InputStream in, RecordReader<T> reader)
            throws IOException, UnreadableFileException {
        return read(name, in, reader, UnaryOperator.identity(), line -> { });
    }

    private static <T> Loaded<T> read(String name, InputStream in, RecordReader<T> reader, UnaryOperator<T> keep,
                                      LongConsumer lineNumbers) throws IOException, UnreadableFileException {
        MessageDigest digest = InputFile.newDigest();
        List<T> records = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        // The digest sees the source's bytes once each: under the buffer, so that a reader that marks and
        // resets the stream (format detection looks ahead, then reads again) does not count bytes twice.
        InputStream buffered = new BufferedInputStream(new DigestInputStream(in, digest), 1 << 16);
        reader.read(buffered, row -> {
            records.add(keep.apply(row.record()));
            lineNumbers.accept(row.lineNumber());
        }, rejected::add);
        // Whatever the reader left unread (nothing, for a CSV reader) still belongs to the checksum.
        buffered.transferTo(OutputStream.nullOutputStream());
        return new Loaded<>(InputFile.of(name, digest), records, rejected);
    }

    /** One instance per distinct account, date and counterparty of one input. */
    private static final class Shared {
        private final Map<AccountId, AccountId> accounts = new HashMap<>();
        private final Map<LocalDate, LocalDate> dates = new HashMap<>();
        private final Map<String, String> counterparties = new HashMap<>();

        Transaction transaction(Transaction t) {
            return new Transaction(t.entryId(), accounts.computeIfAbsent(t.account(), a -> a), date(t.bookingDate()),
                    date(t.valueDate()), t.amount(), t.currency(), counterparties.computeIfAbsent(t.counterparty(), c -> c),
                    t.reference(), t.description());
        }

        LocalDate date(LocalDate date) {
            return dates.computeIfAbsent(date, d -> d);
        }
    }
}
