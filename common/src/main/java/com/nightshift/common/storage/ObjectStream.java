package com.nightshift.common.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An object being read from S3, not yet in memory: what S3 says about it and its bytes as a stream
 * straight from the connection. Close it (or read it to the end) to give the connection back.
 *
 * @param object       the object: ETag, whole size, last change
 * @param contentRange for a ranged read, the part sent as an HTTP {@code Content-Range} value
 *                     ({@code bytes 0-99/1234}); empty when the whole object is sent
 * @param length       the number of bytes {@code content} holds
 * @param content      the bytes
 */
public record ObjectStream(StoredObject object, Optional<String> contentRange, long length, InputStream content)
        implements AutoCloseable {

    @Override
    public void close() throws IOException {
        content.close();
    }
}
