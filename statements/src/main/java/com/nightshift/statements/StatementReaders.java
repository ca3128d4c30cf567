package com.nightshift.statements;

import com.nightshift.common.csv.AcceptedRow;
import com.nightshift.common.csv.ReadCounts;
import com.nightshift.common.csv.RecordReader;
import com.nightshift.common.csv.RejectedRow;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * The one entry point to the statement readers: the reader for a given content, or a reader that
 * detects the format of each stream it reads ({@link StatementFormat#detect}).
 *
 * <p>Whatever the format, the contract of {@link RecordReader} holds, and entry ids are unique: within
 * one read for the transaction CSV (its contract; the wording is the ingestion engine's), within one
 * account of the read for camt.053 and MT940, where a bank reference identifies a booking on one account.
 * A repeated id is rejected as {@code duplicate entry_id '<id>' [for account <a>], first seen on line <n>}.
 */
public final class StatementReaders {

    private StatementReaders() {
    }

    /** A reader that detects the format of each stream from its first bytes, then reads it. Thread-safe. */
    public static TransactionReader detecting() {
        return detecting(InputLimits.DEFAULTS);
    }

    /** As {@link #detecting()}, reading within {@code limits}. */
    public static TransactionReader detecting(InputLimits limits) {
        return (in, accepted, rejected) -> readDetected(in, limits, accepted, rejected);
    }

    /**
     * The reader for the content at the stream's position, which is left unchanged (mark/reset).
     *
     * @throws UnreadableFileException the content is none of the {@link StatementFormat}s
     */
    public static TransactionReader forContent(BufferedInputStream in) throws IOException, UnreadableFileException {
        return forFormat(StatementFormat.detect(in));
    }

    /** The reader of one format; for CSV, with the duplicate-id rule added. */
    public static TransactionReader forFormat(StatementFormat format) {
        return forFormat(format, InputLimits.DEFAULTS);
    }

    /** As {@link #forFormat(StatementFormat)}, reading within {@code limits}. */
    public static TransactionReader forFormat(StatementFormat format, InputLimits limits) {
        return format == StatementFormat.CSV ? uniqueIds(format.reader(limits)) : format.reader(limits);
    }

    private static ReadCounts readDetected(InputStream in, InputLimits limits,
                                           Consumer<? super AcceptedRow<Transaction>> accepted,
                                           Consumer<? super RejectedRow> rejected)
            throws IOException, UnreadableFileException {
        // Not closed: the caller owns the stream; the buffer only makes mark/reset possible.
        InputStream marked = in.markSupported() ? in : new BufferedInputStream(in);
        return forFormat(StatementFormat.detect(marked), limits).read(marked, accepted, rejected);
    }

    private static TransactionReader uniqueIds(TransactionReader reader) {
        return (in, accepted, rejected) -> {
            EntrySink sink = EntrySink.perFile(accepted, rejected);
            reader.read(in, row -> sink.accept(row.lineNumber(), row.record(), row.rawRowText()),
                    row -> sink.reject(row.lineNumber(), row.reason(), row.rawRowText()));
            return sink.counts();
        };
    }
}
