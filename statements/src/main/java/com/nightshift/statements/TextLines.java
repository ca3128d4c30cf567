package com.nightshift.statements;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Physical lines of a byte stream, one at a time, with their 1-based line numbers and one line of
 * look-ahead.
 *
 * <p>Lines end at LF, CRLF or a lone CR. Each line is decoded on its own: as UTF-8 when it is valid
 * UTF-8, else as ISO-8859-1, so a statement in a legacy single-byte code page is still read (its
 * letters may look wrong; digits, dates and amounts are ASCII either way) and no byte is replaced
 * silently. A leading byte order mark is dropped, and so are control characters other than TAB
 * (SOH/ETX wrappers, Ctrl-Z end-of-file marks). A line longer than the line limit of {@link InputLimits}
 * (in bytes) makes the input unreadable as soon as the limit is passed: no text statement has one, and it
 * would otherwise have to be held whole. So does a stream longer than the file limit.
 * Not thread-safe.
 */
final class TextLines {

    /** One line: where it is and what it says. */
    record Line(long number, String text) {
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private long number;
    private boolean atEnd;
    private int pushedBack = -2;
    private Line peeked;

    TextLines(InputStream in, InputLimits limits) {
        // Not buffered here: the caller buffers, and a read leaves nothing unread behind in a buffer of ours.
        this.in = limits.counted(Objects.requireNonNull(in, "in"));
        this.maxLineBytes = limits.maxLineChars();
    }

    /** The next line, or null at the end of the input. */
    Line next() throws IOException, UnreadableFileException {
        if (peeked != null) {
            Line line = peeked;
            peeked = null;
            return line;
        }
        return readLine();
    }

    /** The line {@link #next()} will return, without consuming it; null at the end. */
    Line peek() throws IOException, UnreadableFileException {
        if (peeked == null) {
            peeked = readLine();
        }
        return peeked;
    }

    private Line readLine() throws IOException, UnreadableFileException {
        if (atEnd) {
            return null;
        }
        bytes.reset();
        while (true) {
            int b = read();
            if (b == -1) {
                atEnd = true;
                if (bytes.size() == 0) {
                    return null;
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                int after = read();
                if (after != '\n') {
                    pushedBack = after;
                }
                break;
            }
            if (bytes.size() >= maxLineBytes) {
                throw new UnreadableFileException("line " + (number + 1) + " is longer than the limit of " + maxLineBytes
                        + " bytes: not a text statement");
            }
            bytes.write(b);
        }
        number++;
        return new Line(number, clean(decode(bytes.toByteArray()), number == 1));
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int b = pushedBack;
            pushedBack = -2;
            return b;
        }
        return in.read();
    }

    private String decode(byte[] line) {
        try {
            return utf8.decode(ByteBuffer.wrap(line)).toString();
        } catch (CharacterCodingException e) {
            return new String(line, StandardCharsets.ISO_8859_1);
        }
    }

    private static String clean(String text, boolean first) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (first && i == 0 && c == '\uFEFF') {
                continue;
            }
            if (c == '\t' || (c >= 0x20 && c != 0x7F)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
