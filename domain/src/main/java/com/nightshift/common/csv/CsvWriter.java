package com.nightshift.common.csv;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Writes RFC 4180 records: CRLF after every record, UTF-8 without a byte order mark.
 *
 * <p>A field is quoted only when it must be (it contains a comma, a quote, CR or LF); quotes
 * inside are doubled. Whatever this writer produces, {@link CsvReader} reads back to the same
 * fields. Not thread-safe.
 */
public final class CsvWriter implements Closeable, Flushable {

    private static final String RECORD_TERMINATOR = "\r\n";

    private final Writer out;
    // One record is assembled here and handed to the writer in one call: a call per field and separator
    // costs the encoder's lock and bookkeeping each time.
    private final StringBuilder record = new StringBuilder(256);
    private char[] chars = new char[256];

    private CsvWriter(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    public static CsvWriter of(Writer out) {
        return new CsvWriter(out);
    }

    public static CsvWriter ofUtf8(OutputStream out) {
        return new CsvWriter(new OutputStreamWriter(Objects.requireNonNull(out, "out"), StandardCharsets.UTF_8));
    }

    /** Writes one record; an empty list is not a record and is refused. */
    public void writeRecord(List<String> fields) throws IOException {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a record needs at least one field");
        }
        record.setLength(0);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                record.append(',');
            }
            record.append(encodeField(fields.get(i)));
        }
        record.append(RECORD_TERMINATOR);
        int length = record.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        record.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
    }

    /** The field as it appears in a file: unchanged, or quoted with inner quotes doubled. */
    public static String encodeField(String field) {
        Objects.requireNonNull(field, "field");
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0
                || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0;
        if (!needsQuotes) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
