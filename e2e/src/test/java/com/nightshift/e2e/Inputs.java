package com.nightshift.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Input files under src/test/resources/inputs, and the S3 event that announces one. */
final class Inputs {

    private Inputs() {
    }

    static byte[] read(String name) {
        try (InputStream in = Inputs.class.getResourceAsStream("/inputs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test input " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "Object Created" event EventBridge delivers to the ingest queue for {@code key} in {@code bucket}. */
    static String objectCreatedEvent(String bucket, String key) {
        return """
                {"version":"0","id":"duplicate-delivery","detail-type":"Object Created","source":"aws.s3",
                 "account":"123456789012","time":"2026-11-21T22:00:00Z","region":"us-east-1",
                 "resources":["arn:aws:s3:::%s"],
                 "detail":{"version":"0","bucket":{"name":"%s"},"object":{"key":"%s","size":1},"reason":"PutObject"}}
                """.formatted(bucket, bucket, key);
    }
}
