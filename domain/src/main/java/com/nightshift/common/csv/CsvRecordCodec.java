package com.nightshift.common.csv;

import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads and writes one CSV format with a fixed header, one record per row.
 *
 * <p>The read loop is shared: the first record must equal {@link #header()} exactly (else
 * {@link UnreadableFileException}); every later record is a data row, rejected if it is malformed,
 * blank or has the wrong number of fields, otherwise handed to {@link #fromRow}. A format whose
 * records have a key that must be unique in a file says so with {@link #uniqueKey}; a later row with
 * the key of an earlier accepted row is rejected, naming the key and the first line. The file is read
 * within the codec's {@link InputLimits}: a field over the limit is a rejected row, a line or a file over
 * it makes the file unreadable. A subclass
 * supplies only the mapping between a row and its record type. Instances hold no mutable state
 * (what one read has seen lives in that read) and are thread-safe.
 */
public abstract class CsvRecordCodec<T> implements RecordReader<T>, RecordWriter<T> {

    private final List<String> header;
    private final InputLimits limits;

    /** A codec reading within {@link InputLimits#DEFAULTS}. */
    protected CsvRecordCodec(List<String> header) {
        this(header, InputLimits.DEFAULTS);
    }

    protected CsvRecordCodec(List<String> header, InputLimits limits) {
        this.header = List.copyOf(header);
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /** The limits this codec reads within. */
    public final InputLimits limits() {
        return limits;
    }

    /** The exact header line this format requires, as column names. */
    public final List<String> header() {
        return header;
    }

    /** Builds a record from a row whose field count already matches the header. */
    protected abstract T fromRow(CsvRow row) throws InvalidFieldException;

    /**
     * The key that must be unique among a file's accepted records, described for a reject reason
     * (for example {@code "portfolio P, instrument I, as of D"}); empty (the default) when the format
     * has no such key. Keys are compared with {@code equals}.
     */
    protected Optional<String> uniqueKey(T record) {
        return Optional.empty();
    }

    /** The fields of a record, in header order, such that {@link #fromRow} reads them back equal. */
    protected abstract List<String> toFields(T record);

    @Override
    public final ReadCounts read(InputStream in, Consumer<? super AcceptedRow<T>> accepted,
                                 Consumer<? super RejectedRow> rejected) throws IOException, UnreadableFileException {
        // Not closed here: the caller owns the stream.
        CsvReader reader = CsvReader.ofUtf8(in, limits);
        long acceptedCount = 0;
        long rejectedCount = 0;
        Map<String, Long> firstSeenOn = new HashMap<>();
        try {
            checkHeader(reader.next());
            for (Optional<CsvRecord> next = reader.next(); next.isPresent(); next = reader.next()) {
                CsvRecord record = next.get();
                Optional<String> problem = problemWith(record);
                if (problem.isEmpty()) {
                    try {
                        T parsed = fromRow(CsvRow.of(header, record.fields()));
                        Optional<String> key = uniqueKey(parsed);
                        Long firstLine = key.isEmpty() ? null : firstSeenOn.putIfAbsent(key.get(), record.lineNumber());
                        if (firstLine == null) {
                            accepted.accept(new AcceptedRow<>(record.lineNumber(), parsed, record.rawText()));
                            acceptedCount++;
                            continue;
                        }
                        problem = Optional.of("duplicate " + key.get() + ", first seen on line " + firstLine);
                    } catch (InvalidFieldException e) {
                        problem = Optional.of(e.getMessage());
                    } catch (IllegalArgumentException e) {
                        // A record factory's own invariant; still a bad row, never a lost one.
                        problem = Optional.of(e.getMessage());
                    }
                }
                rejected.accept(RejectedRow.of(record.lineNumber(), problem.get(), record.rawText()));
                rejectedCount++;
            }
        } catch (OversizedInputException e) {
            throw new UnreadableFileException(e.getMessage(), e);
        } catch (CharacterCodingException e) {
            throw new UnreadableFileException("file is not valid UTF-8 text; expected UTF-8 CSV with header '"
                    + String.join(",", header) + "'", e);
        }
        return ReadCounts.of(acceptedCount, rejectedCount);
    }

    private void checkHeader(Optional<CsvRecord> first) throws UnreadableFileException {
        String expected = String.join(",", header);
        if (first.isEmpty()) {
            throw new UnreadableFileException("file is empty; expected header '" + expected + "'");
        }
        CsvRecord found = first.get();
        if (!found.wellFormed() || !found.fields().equals(header)) {
            throw new UnreadableFileException("expected header '" + expected + "' on line 1, found '"
                    + found.rawText() + "'");
        }
    }

    private Optional<String> problemWith(CsvRecord record) {
        if (!record.wellFormed()) {
            return record.defect();
        }
        if (record.blank()) {
            return Optional.of("row is blank");
        }
        if (record.fields().size() != header.size()) {
            return Optional.of("expected " + header.size() + " fields, found " + record.fields().size());
        }
        return Optional.empty();
    }

    @Override
    public final void write(Collection<? extends T> records, OutputStream out) throws IOException {
        CsvWriter writer = CsvWriter.ofUtf8(out);
        writer.writeRecord(header);
        for (T record : records) {
            writer.writeRecord(toFields(record));
        }
        // Flushed, not closed: the caller owns the stream.
        writer.flush();
    }
}
