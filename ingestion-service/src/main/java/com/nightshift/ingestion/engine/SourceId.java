package com.nightshift.ingestion.engine;

import java.util.Objects;

/**
 * The identity of one inbound file, derived from its key alone (docs/architecture.md): the key with
 * {@code inbound/} removed, every {@code /} replaced by {@code ~}, and the extension of the file name
 * dropped. {@code inbound/ledger/gl-2026-11-20.csv} becomes {@code ledger~gl-2026-11-20}.
 *
 * <p>Immutable. Because it ignores content and ETag, a re-delivered or re-uploaded file gets the
 * same id and its staged objects replace the earlier ones. Only the last dot of the file name
 * starts an extension, and a leading dot (a name like {@code .csv}) does not.
 */
public record SourceId(String value) {

    private static final String INBOUND = "inbound/";

    public SourceId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.contains("/")) {
            throw new IllegalArgumentException("source id '" + value + "' must be non-empty and contain no '/'");
        }
    }

    /** The source id of an inbound key; the key must start with {@code inbound/} and name a file. */
    public static SourceId fromInboundKey(String key) {
        Objects.requireNonNull(key, "key");
        if (!key.startsWith(INBOUND) || key.endsWith("/")) {
            throw new IllegalArgumentException("key '" + key + "' is not a file under " + INBOUND);
        }
        String path = key.substring(INBOUND.length());
        int nameStart = path.lastIndexOf('/') + 1;
        int dot = path.lastIndexOf('.');
        if (dot > nameStart) {
            path = path.substring(0, dot);
        }
        return new SourceId(path.replace('/', '~'));
    }

    /** {@code rejects/<source-id>.csv}. */
    public String rejectsKey() {
        return "rejects/" + value + ".csv";
    }

    /** {@code ingested/<source-id>.json}. */
    public String summaryKey() {
        return "ingested/" + value + ".json";
    }

    @Override
    public String toString() {
        return value;
    }
}
