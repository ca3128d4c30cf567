package com.nightshift.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A shell that runs nothing: it records every command, exits with {@link #exitCode} from {@code run},
 * answers {@code capture} with the caller account or a token, and {@code ask} from a script.
 */
class ScriptedShell extends CommandShell {

    static final String ACCOUNT = "123456789012";

    final List<List<String>> commands = new ArrayList<>();
    int exitCode;
    private Function<List<String>, Answer> script;

    ScriptedShell(Function<List<String>, Answer> script) {
        this.script = script;
    }

    /** Answers later queries with {@code next}. */
    void answer(Function<List<String>, Answer> next) {
        this.script = next;
    }

    @Override
    public int run(List<String> command, Path directory, Map<String, String> environment) {
        commands.add(command);
        return exitCode;
    }

    @Override
    public String capture(List<String> command, Path directory) {
        commands.add(command);
        return command.contains("sts") ? ACCOUNT : "token";
    }

    @Override
    public Answer ask(List<String> command, Path directory) {
        commands.add(command);
        return script.apply(command);
    }

    /** A command that printed {@code output} and exited 0. */
    static Answer printed(String output) {
        return new Answer(0, output, "");
    }

    /** An AWS CLI call that failed with {@code errorCode}, as the CLI reports it. */
    static Answer awsError(String errorCode, String operation, String message) {
        return new Answer(254, "", "\nAn error occurred (" + errorCode + ") when calling the " + operation
                + " operation: " + message);
    }

    /** A recorded answer under {@code src/test/resources/ecr/}. */
    static String recorded(String name) {
        try (InputStream in = ScriptedShell.class.getResourceAsStream("/ecr/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded answer /ecr/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value after {@code option} in {@code command}. */
    static String option(List<String> command, String option) {
        int at = command.indexOf(option);
        return at < 0 || at + 1 >= command.size() ? null : command.get(at + 1);
    }
}
