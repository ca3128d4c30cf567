package com.nightshift.stages;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.RecordReader;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.manifest.ResultManifest;

/**
 * Local files read as the services read staged objects: every row accepted or rejected with its line
 * and reason (rejects are reported, never silently dropped), each file recorded with its checksum for
 * the result's manifest.
 */
final class LocalInputs {

    private final PrintStream console;
    private final List<InputObject> inputs = new ArrayList<>();

    LocalInputs(PrintStream console) {
        this.console = console;
    }

    <T> List<T> read(Path file, RecordReader<T> reader) throws IOException {
        byte[] content = Files.readAllBytes(file);
        ReadResult<T> read;
        try {
            read = reader.readAll(new ByteArrayInputStream(content));
        } catch (UnreadableFileException e) {
            throw new IllegalArgumentException(file + " is unreadable: " + e.getMessage(), e);
        }
        inputs.add(new InputObject("", file.toAbsolutePath().toString(), "", ManifestSigner.sha256(content)));
        if (!read.rejected().isEmpty()) {
            console.printf("%s: %d of %d rows rejected%n", file, read.rejected().size(), read.counts().rowsRead());
            read.rejected().forEach(r -> console.printf("  line %d: %s%n", r.lineNumber(), r.reason()));
        }
        return read.records();
    }

    /** {@code file}, which must be a readable file; otherwise an error naming {@code what} (an option or argument). */
    static Path existing(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " " + file + " is not a readable file");
        }
        return file;
    }

    /** The manifest of a result computed from the files read so far; signed when a key is in the environment. */
    ResultManifest manifest(Map<String, String> parameters, Map<String, String> environment) {
        ResultManifest manifest = ResultManifest.unsigned(inputs, parameters, java.time.Instant.now());
        String key = environment.getOrDefault(ManifestSigner.KEY_VARIABLE, "");
        return key.isBlank() ? manifest : ManifestSigner.withKey(key).sign(manifest);
    }
}
