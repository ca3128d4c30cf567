package com.nightshift.common.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads records of one input format, row by row, sending each row to exactly one of two sinks.
 *
 * <p>A caller may rely on: every data row reaches either {@code accepted} or {@code rejected}, in
 * input order, and the returned counts say so ({@code rowsRead == accepted + rejected}). A bad row
 * never stops the read. A file that cannot be read as this format at all (wrong or missing header,
 * not UTF-8) raises {@link UnreadableFileException} and no counts are returned; rows already sent to
 * the sinks before that point should then be discarded by the caller.
 *
 * <p>A new input format (a camt.053 XML statement, an MT940 file) is a new implementation of this
 * interface, typically through a format-specific sub-interface such as
 * {@code com.nightshift.common.transaction.TransactionReader}.
 */
public interface RecordReader<T> {

    /** Reads the whole stream; the stream is not closed. */
    ReadCounts read(InputStream in, Consumer<? super AcceptedRow<T>> accepted, Consumer<? super RejectedRow> rejected)
            throws IOException, UnreadableFileException;

    /** Reads the whole stream into memory; the stream is not closed. */
    default ReadResult<T> readAll(InputStream in) throws IOException, UnreadableFileException {
        List<AcceptedRow<T>> accepted = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        ReadCounts counts = read(in, accepted::add, rejected::add);
        return new ReadResult<>(accepted, rejected, counts);
    }
}
