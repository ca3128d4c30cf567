package com.nightshift.common.storage;

/** A byte range that starts past the end of its object: HTTP answers 416 with the object's size. */
public final class RangeNotSatisfiableException extends RuntimeException {

    private final transient ObjectRef ref;
    private final long size;

    public RangeNotSatisfiableException(ObjectRef ref, ByteRange range, long size) {
        super(range.header() + " is outside " + ref + " (" + size + " bytes)");
        this.ref = ref;
        this.size = size;
    }

    public ObjectRef ref() {
        return ref;
    }

    /** The object's size in bytes, for {@code Content-Range: bytes *}{@code /size}. */
    public long size() {
        return size;
    }
}
