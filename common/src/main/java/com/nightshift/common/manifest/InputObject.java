package com.nightshift.common.manifest;

/** One input of a result: where it was read from and the checksum of what was read. */
public record InputObject(String bucket, String key, String etag, String sha256) {
}
