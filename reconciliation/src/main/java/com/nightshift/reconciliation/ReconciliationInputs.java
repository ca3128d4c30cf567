package com.nightshift.reconciliation;

import com.nightshift.common.csv.RecordReader;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the inputs of a reconciliation in one pass each: the records, the rejected rows, and the SHA-256
 * of the bytes for the manifest. Only the records are kept (not the raw text of accepted rows), which is
 * what keeps a million-entry side small. Stateless and thread-safe.
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
            return read(file.toString(), in, new TransactionCsvCodec());
        }
    }

    /** An open-items CSV file ({@link OpenItemCsvCodec}), named in the manifest by its path as given. */
    public static Loaded<OpenItem> openItems(Path file) throws IOException, UnreadableFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, new OpenItemCsvCodec());
        }
    }

    /** Any input read by {@code reader}, called {@code name} in the manifest; the stream is not closed. */
    public static <T> Loaded<T> read(String name, InputStream in, RecordReader<T> reader)
            throws IOException, UnreadableFileException {
        MessageDigest digest = InputFile.newDigest();
        List<T> records = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        DigestInputStream digesting = new DigestInputStream(new BufferedInputStream(in, 1 << 16), digest);
        reader.read(digesting, row -> records.add(row.record()), rejected::add);
        // Whatever the reader left unread (nothing, for a CSV reader) still belongs to the checksum.
        digesting.transferTo(OutputStream.nullOutputStream());
        return new Loaded<>(InputFile.of(name, digest), records, rejected);
    }
}
