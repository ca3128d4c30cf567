package com.nightshift.common.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;

import software.amazon.awssdk.regions.Region;

/**
 * The AWS emulator for one test class: moto started before the class's first test (its log in a
 * temporary folder), clients for it in us-east-1, and the emulator and every client taken through
 * {@link #client} closed after the last test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LocalAws AWS = new LocalAws();
 * ...
 * SqsClient sqs = AWS.client(AwsClients::sqs);
 * }</pre>
 *
 * <p>Register it on a static field: one emulator serves the class, so tests name what they create
 * uniquely.
 */
public final class LocalAws implements BeforeAllCallback, AfterAllCallback {

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private Path logs;
    private MotoServer moto;
    private AwsClients clients;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        logs = Files.createTempDirectory("moto-" + context.getRequiredTestClass().getSimpleName() + "-");
        moto = MotoServer.start(logs.resolve("moto.log"));
        clients = new AwsClients(endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            while (!opened.isEmpty()) {
                opened.pop().close();
            }
        } finally {
            if (moto != null) {
                moto.close();
            }
            deleteLogs();
        }
    }

    /** The emulator's endpoint, in us-east-1. */
    public AwsEndpoint endpoint() {
        return AwsEndpoint.emulator(moto().endpoint(), Region.US_EAST_1);
    }

    /** The emulator. */
    public MotoServer moto() {
        if (moto == null) {
            throw new IllegalStateException("LocalAws starts before the first test of a class: register it on a static field");
        }
        return moto;
    }

    /** The project's clients for the emulator. */
    public AwsClients clients() {
        moto();
        return clients;
    }

    /** A client made from {@link #clients()} (or anything to close), closed after the class's last test. */
    public <C extends AutoCloseable> C client(Function<AwsClients, C> make) {
        return closedAfterAll(make.apply(clients()));
    }

    /** {@code resource}, closed after the class's last test (before the emulator). */
    public <C extends AutoCloseable> C closedAfterAll(C resource) {
        opened.push(resource);
        return resource;
    }

    private void deleteLogs() throws IOException {
        if (logs == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(logs)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
