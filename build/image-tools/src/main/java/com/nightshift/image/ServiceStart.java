package com.nightshift.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One start of a service: its process is run until it logs Micronaut's start-up complete line, left
 * running a moment longer (its workers make their first calls), and then stopped with SIGTERM, as ECS
 * stops a task. Output and errors go to a log file.
 */
public final class ServiceStart {

    private static final Pattern STARTED = Pattern.compile("Startup completed in (\\d+)ms");
    private static final Duration POLL = Duration.ofMillis(50);

    /**
     * What one start did.
     *
     * @param started         whether the start-up complete line appeared before the time limit
     * @param reportedMillis  the start-up time Micronaut reported in that line
     * @param exitCode        the exit status after SIGTERM (or after it ended by itself)
     * @param output          everything the process wrote
     */
    public record Outcome(boolean started, OptionalLong reportedMillis, int exitCode, String output) {
    }

    private ServiceStart() {
    }

    /**
     * Runs {@code command} with exactly {@code environment}, waits up to {@code startLimit} for start-up,
     * then {@code settle}, then stops it; a process that does not stop within {@code stopLimit} is killed.
     */
    public static Outcome run(List<String> command, Map<String, String> environment, Path log, Duration startLimit,
            Duration settle, Duration stopLimit) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        long deadline = System.nanoTime() + startLimit.toNanos();
        OptionalLong reported = OptionalLong.empty();
        try {
            while (process.isAlive() && System.nanoTime() < deadline) {
                reported = startupMillis(text(log));
                if (reported.isPresent()) {
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
            if (reported.isEmpty()) {
                reported = startupMillis(text(log));
            }
            if (reported.isPresent() && process.isAlive()) {
                process.waitFor(settle.toMillis(), TimeUnit.MILLISECONDS);
            }
            process.destroy();
            if (!process.waitFor(stopLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }
        return new Outcome(reported.isPresent(), reported, process.exitValue(), text(log));
    }

    private static String text(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }

    /** Micronaut's reported start-up time, when {@code output} holds its start-up complete line. */
    static OptionalLong startupMillis(String output) {
        Matcher matcher = STARTED.matcher(output);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }
}
