package com.nightshift.statements;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.csv.UnreadableFileException;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bank statement files under shared/fixtures/statements, read in place. The build passes their
 * folder as the system property {@code nightshift.fixtures.dir} (statements/pom.xml).
 */
final class Fixtures {

    static final String PROPERTY = "nightshift.fixtures.dir";

    private Fixtures() {
    }

    static Path dir() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("system property " + PROPERTY + " is not set: run the tests through "
                    + "Maven (statements/pom.xml sets it to ../shared/fixtures/statements beside the repository)");
        }
        Path dir = Path.of(configured).normalize();
        if (!Files.isDirectory(dir.resolve("mt940")) || !Files.isDirectory(dir.resolve("camt053"))) {
            throw new IllegalStateException("statement fixtures not found at " + dir + " (" + PROPERTY
                    + "): expected its mt940/ and camt053/ folders; the shared/ folder must sit beside the repository");
        }
        return dir;
    }

    static Path mt940(String name) {
        return dir().resolve("mt940").resolve(name);
    }

    static Path camt053(String name) {
        return dir().resolve("camt053").resolve(name);
    }

    /** Every file of one fixture folder, sorted by name. */
    static List<Path> files(String folder) {
        try (Stream<Path> files = Files.list(dir().resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadResult<Transaction> read(TransactionReader reader, Path file) throws IOException, UnreadableFileException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return reader.readAll(in);
        }
    }

    static ReadResult<Transaction> read(TransactionReader reader, String content)
            throws IOException, UnreadableFileException {
        return reader.readAll(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }
}
