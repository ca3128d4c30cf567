package com.nightshift.ingestion.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * An object the service should write to the staging bucket: its key and its complete content.
 *
 * <p>Immutable: the bytes are copied in and handed out as copies or read-only streams. The content
 * is UTF-8 CSV ({@link #CONTENT_TYPE}) in the public format of its kind, readable by the same codec
 * that reads inbound files. {@code rowCount} is the number of data rows, header excluded.
 */
public final class StagedObject {

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private final String key;
    private final byte[] content;
    private final int rowCount;

    private StagedObject(String key, byte[] content, int rowCount) {
        this.key = Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith("/")) {
            throw new IllegalArgumentException("key '" + key + "' must be a relative, non-empty object key");
        }
        this.content = content.clone();
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount cannot be negative: " + rowCount);
        }
        this.rowCount = rowCount;
    }

    public static StagedObject of(String key, byte[] content, int rowCount) {
        return new StagedObject(key, content, rowCount);
    }

    /** The object key relative to the staging bucket, e.g. {@code staged/ledger/ACC-1/2026-11-20/ledger~gl.csv}. */
    public String key() {
        return key;
    }

    /** A copy of the content. */
    public byte[] content() {
        return content.clone();
    }

    /** A fresh stream over the content, without copying it. */
    public InputStream openStream() {
        return new ByteArrayInputStream(content);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(content);
    }

    public long contentLength() {
        return content.length;
    }

    public int rowCount() {
        return rowCount;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StagedObject o && key.equals(o.key) && rowCount == o.rowCount
                && Arrays.equals(content, o.content);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "StagedObject[" + key + ", " + rowCount + " rows, " + content.length + " bytes]";
    }
}
