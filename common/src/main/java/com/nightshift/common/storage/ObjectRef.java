package com.nightshift.common.storage;

/** The address of one S3 object. Immutable. */
public record ObjectRef(String bucket, String key) {

    public ObjectRef {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("bucket must not be blank");
        }
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("key must not be blank");
        }
    }

    public static ObjectRef of(String bucket, String key) {
        return new ObjectRef(bucket, key);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
