package com.nightshift.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One input of an engine's job: a name for manifests and error messages (a file path, an S3 key), how to
 * open its bytes and, when it is known before reading, its size. The command line gives files, a service
 * gives S3 objects; the engine's pipeline reads both the same way.
 *
 * @param name    what the input is called in manifests, rejects and errors
 * @param content opens the bytes; the reader closes the stream
 * @param size    the number of bytes, when known before reading (a local file, an S3 object's length)
 */
public record InputSource(String name, Opener content, OptionalLong size) {

    public InputSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(size, "size");
    }

    /** An input whose size is known only by reading it. */
    public InputSource(String name, Opener content) {
        this(name, content, OptionalLong.empty());
    }

    /** A local file, named by its path; its size is taken now, if the file is there. */
    public static InputSource file(Path file) {
        OptionalLong size;
        try {
            size = OptionalLong.of(Files.size(file));
        } catch (IOException e) {
            // Opening will say what is wrong with it.
            size = OptionalLong.empty();
        }
        return new InputSource(file.toString(), () -> Files.newInputStream(file), size);
    }

    /**
     * Opens the bytes after checking the known size against {@code limits}: a file over the size limit is
     * refused before a byte of it is read. (Readers also count the bytes they read, for inputs of unknown size.)
     *
     * @throws OversizedInputException the size is known and over the limit
     */
    public InputStream open(InputLimits limits) throws IOException {
        if (size.isPresent()) {
            limits.checkFileSize(size.getAsLong());
        }
        return content.open();
    }

    /** Opens an input's bytes; the caller closes the stream. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }
}
