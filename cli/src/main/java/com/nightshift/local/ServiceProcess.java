package com.nightshift.local;

import com.nightshift.common.emulator.MotoServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.Optional;

/**
 * One service running as a local process: {@code java -jar <service>-all.jar} with exactly the
 * environment its task definition gives it (plus the platform variables ECS would add).
 */
public final class ServiceProcess implements AutoCloseable {

    /**
     * How long {@link #close} waits after SIGTERM before SIGKILL: an idle worker finishes its long poll
     * (up to 20 s, see {@code SqsWorker#close}) before it exits, and a message that poll brings is lost to
     * its visibility timeout if the process is killed first.
     */
    static final Duration STOP_GRACE = Duration.ofSeconds(35);

    /** {@code NIGHTSHIFT_AOT=0} starts services without a start-up cache. */
    private static final String AOT_SWITCH = "NIGHTSHIFT_AOT";

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    /** Set when the process was stopped on purpose ({@link #stop}, {@link #kill}), not when it died. */
    private volatile boolean stopped;
    private final Instant started;
    private final Optional<ServiceAotCache> aotCache;

    private ServiceProcess(String name, Process process, int port, Path log, Instant started,
            Optional<ServiceAotCache> aotCache) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
        this.started = started;
        this.aotCache = aotCache;
    }

    static ServiceProcess start(String name, Path jar, Map<String, String> environment, int port, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        // Small, fast-starting JVMs: four services and the emulator share a laptop-sized machine.
        List<String> jvmOptions = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED");
        Optional<ServiceAotCache> aotCache = ServiceAotCache.forJar(jar, jvmOptions, Runtime.version(),
                System.getenv(AOT_SWITCH));
        aotCache.ifPresent(cache -> command.addAll(cache.processOptions()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Instant started = Instant.now();
        return new ServiceProcess(name, builder.start(), port, log, started, aotCache);
    }

    /** Whether a process of {@code jar} started now would record its start-up cache rather than start from one. */
    static boolean startupCacheMissing(Path jar) {
        return ServiceAotCache.missing(jar, Runtime.version(), System.getenv(AOT_SWITCH));
    }

    /** The JVM running this harness; bin/nightshift and the build both pick a JDK 21+ for it. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public String name() {
        return name;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path log() {
        return log;
    }

    /** When the process was started: what the time to its start-up complete line is measured from. */
    public Instant started() {
        return started;
    }

    /** Waits until {@code GET /health} answers 200; fails with the end of the service's log otherwise. */
    void awaitHealthy(Duration timeout) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ":\n" + tail(log, 30));
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(baseUri().resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + name, e);
            }
            MotoServer.sleep(Duration.ofMillis(250));
        }
        throw new IOException(name + " was not healthy within " + timeout + ":\n" + tail(log, 30));
    }

    /**
     * The time from starting the process to its "Startup completed" log line (Micronaut's, written once
     * the HTTP server answers and the workers poll), or empty while it has not logged it.
     */
    public Optional<Duration> startupTime() throws IOException {
        return StartupLine.find(log).map(line -> Duration.between(started, line.at()));
    }

    /**
     * Micronaut's start-up complete line in a service's JSON log: when it was written, and the start-up
     * time Micronaut itself reports (from its own start, after the JVM's).
     */
    public record StartupLine(Instant at, long reportedMillis) {

        private static final java.util.regex.Pattern LINE = java.util.regex.Pattern.compile(
                "\"timestamp\":(\\d+).*\"Startup completed in (\\d+)ms");

        /** The first start-up complete line of the log, if written. */
        public static Optional<StartupLine> find(Path log) throws IOException {
            if (!Files.isRegularFile(log)) {
                return Optional.empty();
            }
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                return lines.map(LINE::matcher).filter(java.util.regex.Matcher::find).findFirst()
                        .map(m -> new StartupLine(Instant.ofEpochMilli(Long.parseLong(m.group(1))),
                                Long.parseLong(m.group(2))));
            }
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once {@link #stop} or {@link #kill} was called: the process is meant to be gone. */
    public boolean stopped() {
        return stopped;
    }

    /**
     * Stops the process as ECS stops a task: SIGTERM, then up to {@code within} for it to exit by
     * itself (no SIGKILL follows). Returns its exit code, or empty when it still runs after {@code within}.
     */
    public OptionalInt stop(Duration within) throws InterruptedException {
        requestStop();
        return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** Sends SIGTERM without waiting; {@link #close} then waits for the exit. */
    void requestStop() {
        stopped = true;
        process.destroy();
    }

    /** Kills the process at once (SIGKILL), as a lost host or an out-of-memory kill would; returns its exit code. */
    public int kill() throws InterruptedException {
        stopped = true;
        process.destroyForcibly();
        return process.waitFor();
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    @Override
    public void close() {
        if (!stopped) {
            requestStop();
        }
        MotoServer.awaitExit(process, STOP_GRACE);
        aotCache.ifPresent(cache -> cache.assemble(javaExecutable()));
    }

    /** Closes all of {@code processes} side by side: each may wait for a long poll to end. */
    static void closeAll(List<ServiceProcess> processes) {
        List<Thread> closing = processes.stream()
                .map(process -> Thread.ofPlatform().name("stop-" + process.name()).start(process::close))
                .toList();
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
