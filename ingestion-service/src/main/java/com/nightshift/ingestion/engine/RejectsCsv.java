package com.nightshift.ingestion.engine;

import com.nightshift.common.csv.CsvWriter;
import com.nightshift.common.csv.RejectedRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The rejects file of one input: header {@code line,reason,row}, one record per rejected row in
 * input order, the raw row quoted as needed so that embedded line breaks survive.
 */
public final class RejectsCsv {

    public static final List<String> HEADER = List.of("line", "reason", "row");

    private RejectsCsv() {
    }

    /** The complete file; a header alone when nothing was rejected. */
    public static byte[] toBytes(List<RejectedRow> rows) {
        var bytes = new ByteArrayOutputStream();
        try (CsvWriter writer = CsvWriter.ofUtf8(bytes)) {
            writer.writeRecord(HEADER);
            for (RejectedRow row : rows) {
                writer.writeRecord(List.of(Long.toString(row.lineNumber()), row.reason(), row.rawRowText()));
            }
        } catch (IOException e) {
            // Writing to memory does not fail.
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
