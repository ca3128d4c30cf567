package com.nightshift.common.emulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local AWS emulator: Python moto 5 ({@code moto_server}) started as a subprocess on a free
 * loopback port. It speaks the real AWS wire protocols, so services and the harness use the ordinary
 * AWS SDK clients pointed at {@link #endpoint()}. One fresh server per run: moto keeps state in memory,
 * and its stack deletion is not reliable enough to reuse one.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts {@code moto_server} (found on PATH, or at {@code $MOTO_SERVER}), logging to {@code log}. */
    public static MotoServer start(Path log) throws IOException {
        int port = freeLoopbackPort();
        String command = System.getenv().getOrDefault("MOTO_SERVER", "moto_server");
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(command, "-H", "127.0.0.1", "-p", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("cannot start '" + command + "': install moto 5 (pip install \"moto[server]\") "
                    + "or set AWS_ENDPOINT_URL to a running emulator", e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitListening(port, log);
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    private void awaitListening(int port, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(200));
            }
        }
        close();
        throw new IOException("moto_server did not listen on port " + port + " within " + START_TIMEOUT + "; see " + log);
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        terminate(process, Duration.ofSeconds(10));
    }

    /** Stops the server when the JVM ends, even on Ctrl-C. */
    public void stopOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "stop-moto"));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL after {@code grace}: how every process the local stack starts is stopped. */
    public static void terminate(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        awaitExit(process, grace);
    }

    /** Waits up to {@code grace} for a process already asked to stop, then kills it (SIGKILL). */
    public static void awaitExit(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
