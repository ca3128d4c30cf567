package com.nightshift.common.csv;

import com.nightshift.common.io.InputLimits;
import com.nightshift.common.io.OversizedInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads RFC 4180 records one at a time.
 *
 * <p>Accepted: quoted fields with embedded commas, doubled quotes and line breaks; CRLF, LF or a
 * lone CR as the record terminator (mixed in one file too); a UTF-8 byte order mark before the
 * first record, which is skipped. Input that is not valid UTF-8 fails with a
 * {@link java.nio.charset.CharacterCodingException} rather than being silently replaced, because
 * a replaced character in an amount or account would change the data.
 *
 * <p>A quoting error does not stop the reader: the record is returned with a
 * {@link CsvRecord#defect() defect} and reading continues with the next line, so one bad row
 * cannot hide the rest of a file. An unterminated quote is the exception in practice: it runs to
 * the end of the input, which then becomes one defective record.
 *
 * <p>Input is read within {@link InputLimits}: a record longer than {@code maxLineChars} characters fails
 * the read with an {@link OversizedInputException} as soon as the limit is passed (memory stays bounded
 * whatever the line), and so does a byte stream of more than {@code maxFileBytes}; a field longer than
 * {@code maxFieldChars} makes its record defective, and reading goes on.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class CsvReader implements Closeable {

    private static final int EOF = -1;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Reader in;
    private final InputLimits limits;
    // Characters are taken from this buffer: one call to the decoder per block, not per character.
    private final char[] buffer = new char[8192];
    private int buffered;
    private int position;
    private int pushedBack = Integer.MIN_VALUE;
    private long line = 1;
    private boolean started;

    private CsvReader(Reader in, InputLimits limits) {
        this.in = Objects.requireNonNull(in, "in");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Reads from a character stream within the default limits; a leading byte order mark is skipped. */
    public static CsvReader of(Reader in) {
        return new CsvReader(in, InputLimits.DEFAULTS);
    }

    /** Reads UTF-8 bytes strictly, within the default limits: malformed input fails instead of becoming U+FFFD. */
    public static CsvReader ofUtf8(InputStream in) {
        return ofUtf8(in, InputLimits.DEFAULTS);
    }

    /** Reads UTF-8 bytes strictly, within {@code limits} (the file size too). */
    public static CsvReader ofUtf8(InputStream in, InputLimits limits) {
        Objects.requireNonNull(in, "in");
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new CsvReader(new InputStreamReader(limits.counted(in), decoder), limits);
    }

    /** The next record, or empty at the end of the input. A final line break does not start a record. */
    public Optional<CsvRecord> next() throws IOException {
        if (!started) {
            started = true;
            int first = read();
            if (first != BYTE_ORDER_MARK && first != EOF) {
                unread(first);
            } else if (first == EOF) {
                return Optional.empty();
            }
        }
        int c = read();
        if (c == EOF) {
            return Optional.empty();
        }
        unread(c);
        return Optional.of(readRecord());
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_CLOSING_QUOTE }

    private CsvRecord readRecord() throws IOException {
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder raw = new StringBuilder();
        String defect = null;
        long quoteOpenedOn = startLine;
        State state = State.FIELD_START;
        while (true) {
            if (state != State.AFTER_CLOSING_QUOTE && pushedBack == Integer.MIN_VALUE) {
                // A run of characters that mean nothing to the quoting rules is taken whole.
                int run = ordinaryRun(state == State.QUOTED);
                if (run > 0) {
                    // Never more than the line limit allows: a 100 MB line costs one limit's worth of memory.
                    run = Math.min(run, limits.maxLineChars() + 1 - raw.length());
                    field.append(buffer, position, run);
                    raw.append(buffer, position, run);
                    position += run;
                    checkLength(raw, startLine, state == State.QUOTED ? quoteOpenedOn : 0);
                    if (state == State.FIELD_START) {
                        state = State.UNQUOTED;
                    }
                    continue;
                }
            }
            int c = read();
            if (c == EOF) {
                if (state == State.QUOTED && defect == null) {
                    defect = "unterminated quoted field " + (fields.size() + 1)
                            + " opened on line " + quoteOpenedOn;
                }
                break;
            }
            char ch = (char) c;
            checkLength(raw, startLine, state == State.QUOTED ? quoteOpenedOn : 0);
            if (state == State.QUOTED) {
                if (ch == '"') {
                    state = State.AFTER_CLOSING_QUOTE;
                    raw.append(ch);
                } else if (ch == '\r' || ch == '\n') {
                    String lineBreak = lineBreakStartingWith(ch);
                    field.append(lineBreak);
                    raw.append(lineBreak);
                    line++;
                } else {
                    field.append(ch);
                    raw.append(ch);
                }
                continue;
            }
            if (ch == '\r' || ch == '\n') {
                lineBreakStartingWith(ch);
                line++;
                break;
            }
            raw.append(ch);
            if (ch == ',') {
                defect = fieldDefect(defect, field, fields.size() + 1);
                fields.add(field.toString());
                field.setLength(0);
                state = State.FIELD_START;
            } else if (state == State.AFTER_CLOSING_QUOTE) {
                if (ch == '"') {
                    // A doubled quote inside a quoted field stands for one quote.
                    field.append('"');
                    state = State.QUOTED;
                } else {
                    if (defect == null) {
                        defect = "unexpected character '" + ch + "' after the closing quote of field "
                                + (fields.size() + 1);
                    }
                    field.append(ch);
                    state = State.UNQUOTED;
                }
            } else if (ch == '"') {
                if (state == State.FIELD_START) {
                    state = State.QUOTED;
                    quoteOpenedOn = line;
                } else {
                    if (defect == null) {
                        defect = "quote inside unquoted field " + (fields.size() + 1);
                    }
                    field.append(ch);
                }
            } else {
                field.append(ch);
                state = State.UNQUOTED;
            }
        }
        defect = fieldDefect(defect, field, fields.size() + 1);
        fields.add(field.toString());
        return new CsvRecord(startLine, fields, raw.toString(), Optional.ofNullable(defect));
    }

    /** The record's defect so far, else that of a field over the field limit, else none. */
    private String fieldDefect(String defect, StringBuilder field, int number) {
        if (defect == null && field.length() > limits.maxFieldChars()) {
            return "field " + number + " is longer than the limit of " + limits.maxFieldChars() + " characters";
        }
        return defect;
    }

    /** Fails once a record is over the line limit; {@code openQuoteLine} is where an open quote began, else 0. */
    private void checkLength(StringBuilder raw, long startLine, long openQuoteLine) throws OversizedInputException {
        if (raw.length() > limits.maxLineChars()) {
            throw new OversizedInputException("line " + startLine + " is longer than the limit of "
                    + limits.maxLineChars() + " characters"
                    + (openQuoteLine > 0 ? " (inside a quoted field opened on line " + openQuoteLine + ")" : ""));
        }
    }

    /**
     * How many buffered characters from the current position are ordinary: not a quote, CR or LF, nor
     * (outside quotes) a comma. Zero when the next character is special or the buffer is used up.
     */
    private int ordinaryRun(boolean quoted) {
        int end = position;
        while (end < buffered) {
            char ch = buffer[end];
            if (ch == '"' || ch == '\r' || ch == '\n' || (ch == ',' && !quoted)) {
                break;
            }
            end++;
        }
        return end - position;
    }

    /** Consumes the rest of a line break that began with {@code first} and returns all of it. */
    private String lineBreakStartingWith(char first) throws IOException {
        if (first == '\r') {
            int next = read();
            if (next == '\n') {
                return "\r\n";
            }
            unread(next);
            return "\r";
        }
        return "\n";
    }

    private int read() throws IOException {
        if (pushedBack != Integer.MIN_VALUE) {
            int c = pushedBack;
            pushedBack = Integer.MIN_VALUE;
            return c;
        }
        if (position == buffered) {
            int count = in.read(buffer, 0, buffer.length);
            if (count <= 0) {
                return EOF;
            }
            buffered = count;
            position = 0;
        }
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
