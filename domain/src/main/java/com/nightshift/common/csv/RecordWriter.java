package com.nightshift.common.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * Writes records in one format, so that the matching {@link RecordReader} reads them back equal.
 */
public interface RecordWriter<T> {

    /** Writes a header (if the format has one) and every record, in the order given; the stream is flushed, not closed. */
    void write(Collection<? extends T> records, OutputStream out) throws IOException;

    /** The bytes {@link #write} would produce. */
    default byte[] toBytes(Collection<? extends T> records) {
        var bytes = new ByteArrayOutputStream();
        try {
            write(records, bytes);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; anything here is a bug in the writer.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
