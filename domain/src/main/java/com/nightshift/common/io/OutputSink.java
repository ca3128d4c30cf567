package com.nightshift.common.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where result files go: a function from a file name to a stream that receives the file's bytes. The CLI
 * writes a folder ({@link #directory}); the service gives a sink that uploads each stream as an S3 object
 * when it is closed. An engine writes its results through this alone, so the command line and the service take one code path.
 *
 * <p>Names are relative, {@code /}-separated paths such as {@code ACC-1001/matches.csv}. The caller of
 * {@link #open} writes the whole file and then closes the stream; a sink should make a file visible
 * only once its stream is closed, if it can.
 */
@FunctionalInterface
public interface OutputSink {

    /** A new stream for the file called {@code name}, replacing any earlier file of that name. */
    OutputStream open(String name) throws IOException;

    /** This sink with {@code prefix} put before every name ({@code "ACC-1001/"} gives a folder). */
    default OutputSink under(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return name -> open(prefix + name);
    }

    /**
     * Files under {@code root}, folders created as needed. A name that is empty, absolute, or has an empty,
     * {@code .} or {@code ..} segment is refused with an {@link IOException}, so nothing lands outside
     * {@code root}.
     */
    static OutputSink directory(Path root) {
        Objects.requireNonNull(root, "root");
        Set<Path> folders = ConcurrentHashMap.newKeySet();
        return name -> {
            if (name.isEmpty() || name.startsWith("/")) {
                throw new IOException("output name '" + name + "' must be a relative path");
            }
            for (String segment : name.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\\') >= 0) {
                    throw new IOException("output name '" + name + "' has a segment '" + segment
                            + "' that could leave the output folder");
                }
            }
            Path file = root.resolve(name);
            if (!folders.contains(file.getParent())) {
                Files.createDirectories(file.getParent());
                folders.add(file.getParent());
            }
            return new BufferedOutputStream(Files.newOutputStream(file));
        };
    }
}
