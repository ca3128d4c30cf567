package com.nightshift.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs the external commands of a deployment ({@code aws}, {@code mvnw}) as child processes that
 * share this process's terminal.
 */
public class CommandShell {

    /** Runs {@code command} in {@code directory} with {@code environment} added; returns its exit code. */
    public int run(List<String> command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).inheritIO();
        builder.environment().putAll(environment);
        return waitFor(start(builder, command));
    }

    /**
     * Runs {@code command} and returns its standard output, trimmed; standard error goes to the
     * terminal. A non-zero exit is an {@link IllegalStateException} naming the command.
     */
    public String capture(List<String> command, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        Process process = start(builder, command);
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + command.getFirst(), e);
        }
        int exit = waitFor(process);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + " exited with " + exit);
        }
        return output;
    }

    private static Process start(ProcessBuilder builder, List<String> command) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + command.getFirst() + "': " + e.getMessage()
                    + (command.getFirst().equals("aws") ? " (install the AWS CLI v2 and put it on PATH)" : ""), e);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
