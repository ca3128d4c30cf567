package com.nightshift.common.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.io.OutputSink;

/**
 * An engine pipeline's {@link OutputSink} on S3: each file is collected in memory and put as one
 * object when its stream is closed, so a reader never sees half a file. {@code keyOf} maps the pipeline's
 * file names (such as {@code ACC-1001/matches.csv} or {@code var.json}) to object keys. Remembers
 * what it wrote, so the caller can remove older objects this run did not write again. Not thread-safe.
 */
public final class S3OutputSink implements OutputSink {

    private final ObjectStore store;
    private final String bucket;
    private final Function<String, String> keyOf;
    private final Map<String, String> written = new TreeMap<>();

    public S3OutputSink(ObjectStore store, String bucket, Function<String, String> keyOf) {
        this.store = Objects.requireNonNull(store, "store");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
    }

    @Override
    public OutputStream open(String name) throws IOException {
        String key = keyOf.apply(name);
        return new ByteArrayOutputStream() {
            private boolean closed;

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    byte[] content = toByteArray();
                    put(key, content);
                }
            }
        };
    }

    /** Puts {@code content} at {@code key} directly, and remembers it like a file of the pipeline. */
    public void put(String key, byte[] content) {
        store.put(ObjectRef.of(bucket, key), content, contentType(key));
        written.put(key, ManifestSigner.sha256(content));
    }

    /** Object key to the SHA-256 of what was put there, for every object written so far. */
    public Map<String, String> written() {
        return Map.copyOf(written);
    }

    public static String contentType(String key) {
        if (key.endsWith(".json")) {
            return "application/json";
        }
        return key.endsWith(".csv") ? "text/csv; charset=utf-8" : "application/octet-stream";
    }
}
