package com.nightshift.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the external commands of a deployment ({@code aws}, {@code mvnw}) as child processes that
 * share this process's terminal, or, for queries, whose output the caller reads.
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
        String output = read(process.getInputStream(), command);
        int exit = waitFor(process);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(3, command.size())))
                    + " exited with " + exit);
        }
        return output;
    }

    /**
     * Runs {@code command} and returns its exit code, standard output and standard error, none of
     * them shown: for queries whose failure the caller explains itself (an AWS error code such as
     * {@code ScanNotFoundException} may mean "not yet" rather than "failed").
     */
    public Answer ask(List<String> command, Path directory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.INHERIT);
        Process process = start(builder, command);
        // Standard error is read on its own thread so that neither pipe can fill up and stall the command.
        CompletableFuture<String> error = CompletableFuture.supplyAsync(() -> read(process.getErrorStream(), command));
        String output = read(process.getInputStream(), command);
        int exit = waitFor(process);
        return new Answer(exit, output, error.join());
    }

    /**
     * What a command {@linkplain #ask asked} answered.
     *
     * @param exitCode its exit code
     * @param output   its standard output, trimmed
     * @param error    its standard error, trimmed
     */
    public record Answer(int exitCode, String output, String error) {

        private static final Pattern AWS_ERROR = Pattern.compile("An error occurred \\(([A-Za-z0-9]+)\\)");

        public boolean succeeded() {
            return exitCode == 0;
        }

        /**
         * The error code the AWS CLI printed, e.g. {@code ScanNotFoundException} from "An error occurred
         * (ScanNotFoundException) when calling the DescribeImageScanFindings operation: ...".
         */
        public Optional<String> awsErrorCode() {
            Matcher matcher = AWS_ERROR.matcher(error);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }

        /** The last line of the error output, or the exit code when there was none: for messages. */
        public String errorSummary() {
            String[] lines = error.strip().split("\\R");
            String last = lines[lines.length - 1].strip();
            return last.isEmpty() ? "exit code " + exitCode : last;
        }
    }

    private static String read(InputStream in, List<String> command) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + command.getFirst(), e);
        }
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
