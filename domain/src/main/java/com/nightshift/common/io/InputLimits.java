package com.nightshift.common.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * How much of an input file the readers take before they refuse it: the one settings type for the limits
 * of every reader (the CSV formats, camt.053, MT940, positions and market data), so that a hostile or broken
 * file costs bounded memory and time, and the command line and the services refuse it alike.
 *
 * <p>A file over {@code maxFileBytes}, or with a line over {@code maxLineChars}, is unreadable as a whole:
 * no format Nightshift reads has such a line, and holding it would cost memory in proportion to it. A CSV
 * field over {@code maxFieldChars} in a line within the limit is a bad row, rejected with its line number,
 * and the rest of the file goes on. A statement entry (a camt.053 {@code Ntry} with its details, an MT940
 * {@code :61:} with its {@code :86:} text) over {@code maxEntryBytes} makes the file unreadable, since the
 * reader holds one entry in memory at a time.
 *
 * @param maxFileBytes  the most bytes a file may have
 * @param maxLineChars  the longest line (a CSV record, quoted line breaks included; an MT940 line in bytes;
 *                      in XML, the text or markup between two tags, in bytes)
 * @param maxFieldChars the longest CSV field; a longer one is a rejected row
 * @param maxEntryBytes the largest statement entry, in characters of its text or bytes of its XML
 */
public record InputLimits(long maxFileBytes, int maxLineChars, int maxFieldChars, int maxEntryBytes) {

    /** 1 GiB files, 64 Ki-character lines, 4 Ki-character fields, 16 MiB entries. */
    public static final InputLimits DEFAULTS = new InputLimits(1L << 30, 1 << 16, 1 << 12, 1 << 24);

    public InputLimits {
        if (maxFileBytes < 1 || maxLineChars < 1 || maxFieldChars < 1 || maxEntryBytes < 1) {
            throw new IllegalArgumentException("input limits must be positive, were " + maxFileBytes + " file bytes, "
                    + maxLineChars + " line characters, " + maxFieldChars + " field characters and " + maxEntryBytes
                    + " entry bytes");
        }
        if (maxFieldChars > maxLineChars) {
            throw new IllegalArgumentException("a field (" + maxFieldChars + " characters) cannot be longer than a line ("
                    + maxLineChars + ")");
        }
    }

    /**
     * Fails when a file of {@code size} bytes (known before reading, as for a local file or an S3 object) is
     * over the limit, so that it is refused before a byte of it is read.
     */
    public void checkFileSize(long size) throws OversizedInputException {
        if (size > maxFileBytes) {
            throw OversizedInputException.file(size, maxFileBytes);
        }
    }

    /**
     * {@code in} seen through the file-size limit: reading past {@code maxFileBytes} bytes throws
     * {@link OversizedInputException}. Closing it closes {@code in}.
     */
    public CountedInput counted(InputStream in) {
        return new CountedInput(in, maxFileBytes);
    }

    /**
     * A stream that counts the bytes read through it and refuses to go past a file's limit. It also keeps a
     * mark ({@link #bytesSinceMark()}) that a reader moves as it goes, to bound what it reads between two points
     * of its own (two XML events, say). Not thread-safe.
     */
    public static final class CountedInput extends FilterInputStream {
        private final long limit;
        private long count;
        private long mark;
        private long markLimit = Long.MAX_VALUE;
        private String markLimitMeaning = "";
        private OversizedInputException refusal;

        private CountedInput(InputStream in, long limit) {
            super(Objects.requireNonNull(in, "in"));
            this.limit = limit;
        }

        /** Bytes read so far. */
        public long count() {
            return count;
        }

        /** Bytes read since the last {@link #markHere()} (or the start). */
        public long bytesSinceMark() {
            return count - mark;
        }

        /** Starts counting {@link #bytesSinceMark()} from here. */
        public void markHere() {
            mark = count;
        }

        /**
         * From now on, reading more than {@code limit} bytes after the {@linkplain #markHere() mark} throws an
         * {@link OversizedInputException} saying {@code what} is longer than the limit: the bound of a reader
         * whose parser would otherwise hold an unbounded run of input (one XML text) before handing it over.
         */
        public void limitSinceMark(long limit, String what) {
            this.markLimit = limit;
            this.markLimitMeaning = what;
        }

        /** The refusal this stream threw, if it did: a parser may have wrapped it in an exception of its own. */
        public OversizedInputException refusal() {
            return refusal;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            // Counting across a reset would count bytes twice; readers that need mark/reset buffer above this.
            return false;
        }

        private void counted(long n) throws OversizedInputException {
            count += n;
            if (count > limit) {
                refusal = OversizedInputException.file(count, limit);
                throw refusal;
            }
            if (count - mark > markLimit) {
                refusal = new OversizedInputException(markLimitMeaning + " is longer than the limit of " + markLimit
                        + " bytes (after byte " + mark + " of the file)");
                throw refusal;
            }
        }
    }
}
