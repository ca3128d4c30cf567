package com.nightshift.statements;

import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.io.InputLimits;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.common.transaction.TransactionReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The statement formats Nightshift reads, and how each is recognised from the first bytes of a file
 * (never from its name).
 *
 * <p>{@link #detect} looks at most {@value #DETECTION_BYTES} bytes; a UTF-8 byte order mark, leading
 * whitespace and control characters are skipped. Then:
 * <ul>
 *   <li>{@link #CSV}: the first line starts with {@code entry_id,} (the transaction CSV header);</li>
 *   <li>{@link #CAMT053}: the content is XML (it starts with {@code <}); the camt.053 reader then
 *       refuses XML that is not a camt.053 document, with a reason;</li>
 *   <li>{@link #MT940}: the content starts with a FIN envelope block (<code>&#123;1:</code>,
 *       <code>&#123;2:</code> or <code>&#123;4:</code>), or a line within the looked-at bytes starts with
 *       {@code :20:} (so bank header lines and a short preamble before the first statement are fine).</li>
 * </ul>
 * Anything else is an {@link UnreadableFileException} that names the formats expected and quotes the
 * start of the content.
 */
public enum StatementFormat {

    /** The transaction CSV of {@link TransactionCsvCodec} (README, "Input formats"). */
    CSV,
    /** ISO 20022 camt.053 bank-to-customer statement, any version. */
    CAMT053,
    /** SWIFT MT940 customer statement, with or without the FIN envelope. */
    MT940;

    /** How many bytes of a file {@link #detect} looks at. */
    public static final int DETECTION_BYTES = 8_192;

    private static final Pattern MT940_FIELD_20 = Pattern.compile("(?m)^[\\p{Cntrl}\\s]*(\\{[^\\n]*)?:20:");

    /** A new reader of this format within the default limits; readers are stateless, so one may serve many reads. */
    public TransactionReader reader() {
        return reader(InputLimits.DEFAULTS);
    }

    /** A new reader of this format that reads within {@code limits}. */
    public TransactionReader reader(InputLimits limits) {
        return switch (this) {
            case CSV -> new TransactionCsvCodec(limits);
            case CAMT053 -> new Camt053Reader(limits);
            case MT940 -> new Mt940Reader(limits);
        };
    }

    /**
     * The format of the content at the stream's current position, which is left where it was: the
     * stream must support {@link InputStream#mark mark/reset} (a {@link java.io.BufferedInputStream} does).
     *
     * @throws IllegalArgumentException the stream does not support mark/reset
     * @throws UnreadableFileException the content is none of the formats
     */
    public static StatementFormat detect(InputStream in) throws IOException, UnreadableFileException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("format detection needs a stream that supports mark/reset");
        }
        in.mark(DETECTION_BYTES + 1);
        byte[] head;
        try {
            head = in.readNBytes(DETECTION_BYTES);
        } finally {
            in.reset();
        }
        return detect(head);
    }

    /** The format of content that starts with {@code head} (at most {@value #DETECTION_BYTES} bytes are looked at). */
    public static StatementFormat detect(byte[] head) throws UnreadableFileException {
        byte[] bytes = head.length > DETECTION_BYTES ? Arrays.copyOf(head, DETECTION_BYTES) : head;
        // ISO-8859-1 maps every byte to one character: enough to see ASCII markers whatever the encoding.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\u00EF\u00BB\u00BF")) {
            text = text.substring(3);
        }
        int start = 0;
        while (start < text.length() && (Character.isWhitespace(text.charAt(start))
                || Character.isISOControl(text.charAt(start)))) {
            start++;
        }
        String content = text.substring(start);
        if (content.isEmpty()) {
            throw new UnreadableFileException("file is empty (or only whitespace): expected a statement in the "
                    + "transaction CSV, ISO 20022 camt.053 XML or SWIFT MT940 format");
        }
        if (content.startsWith("entry_id,")) {
            return CSV;
        }
        if (content.startsWith("<")) {
            return CAMT053;
        }
        if (content.startsWith("{1:") || content.startsWith("{2:") || content.startsWith("{4:")
                || MT940_FIELD_20.matcher(content).find()) {
            return MT940;
        }
        throw new UnreadableFileException("content is not a statement format Nightshift reads: expected the "
                + "transaction CSV header (" + String.join(",", TransactionCsvCodec.HEADER) + "), an ISO 20022 "
                + "camt.053 XML document or a SWIFT MT940 statement (a :20: line, optionally in a {1:...}{4: "
                + "envelope); the content starts with '" + quoted(content) + "'");
    }

    private static String quoted(String content) {
        String firstLine = content.lines().findFirst().orElse("");
        String shown = firstLine.length() > 40 ? firstLine.substring(0, 40) + "..." : firstLine;
        StringBuilder out = new StringBuilder();
        for (char c : shown.toCharArray()) {
            out.append(c < 0x20 || c == 0x7F ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
