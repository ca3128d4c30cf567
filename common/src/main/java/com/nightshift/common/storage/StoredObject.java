package com.nightshift.common.storage;

import java.time.Instant;

/** What S3 says about an object: where it is, its ETag (without quotes), size and last change. */
public record StoredObject(ObjectRef ref, String etag, long size, Instant lastModified) {
}
