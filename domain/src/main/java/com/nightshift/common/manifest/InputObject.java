package com.nightshift.common.manifest;

import java.util.Objects;

/**
 * One input of a result: where it was read from and the checksum of what was read. Local files have an
 * empty bucket and ETag and their absolute path as the key.
 */
public record InputObject(String bucket, String key, String etag, String sha256) {

    public InputObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(sha256, "sha256");
    }
}
