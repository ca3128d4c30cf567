package com.nightshift.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One input of an engine's job: a name for manifests and error messages (a file path, an S3 key) and
 * how to open its bytes. The command line gives files, a service gives S3 objects; the engine's
 * pipeline reads both the same way.
 *
 * @param name    what the input is called in manifests, rejects and errors
 * @param content opens the bytes; the reader closes the stream
 */
public record InputSource(String name, Opener content) {

    public InputSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
    }

    /** A local file, named by its path. */
    public static InputSource file(Path file) {
        return new InputSource(file.toString(), () -> Files.newInputStream(file));
    }

    /** Opens an input's bytes; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
