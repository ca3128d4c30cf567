package com.nightshift.stages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options and positional arguments of one command, checked against what it accepts. */
final class Arguments {

    private final String command;
    private final Map<String, String> options;
    private final List<String> positional;

    private Arguments(String command, Map<String, String> options, List<String> positional) {
        this.command = command;
        this.options = options;
        this.positional = positional;
    }

    static Arguments parse(String command, List<String> args, Set<String> accepted) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!accepted.contains(name)) {
                    throw new IllegalArgumentException(command + ": unknown option --" + name + " (accepted: --"
                            + String.join(", --", accepted) + ")");
                }
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(command + ": option --" + name + " needs a value");
                }
                options.put(name, args.get(++i));
            } else {
                positional.add(arg);
            }
        }
        return new Arguments(command, options, positional);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    String required(String name) {
        return option(name).orElseThrow(() -> new IllegalArgumentException(command + ": --" + name + " is required"));
    }

    /** A file that must exist, from option {@code name}. */
    Path file(String name) {
        return existing(Path.of(required(name)), "--" + name);
    }

    List<String> positional() {
        return positional;
    }

    Path existing(Path path, String what) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(command + ": " + what + " " + path + " is not a readable file");
        }
        return path;
    }

    int integer(String name, int fallback) {
        String value = option(name).orElse(Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " '" + value + "' is not a whole number");
        }
    }

    double decimal(String name, double fallback) {
        String value = option(name).orElse(Double.toString(fallback));
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": --" + name + " '" + value + "' is not a number");
        }
    }
}
