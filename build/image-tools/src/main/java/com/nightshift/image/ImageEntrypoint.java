package com.nightshift.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * A Java image's entrypoint as Jib writes it, {@code java <JVM options> -cp <class path> <main class>},
 * taken apart so that the build can run the same JVM from an unpacked root filesystem.
 *
 * @param executable the program, looked up on the image's {@code PATH} ({@code java})
 * @param jvmOptions everything between the program and {@code -cp}, in order
 * @param classpath  the class path argument, often an argument file ({@code @/app/jib-classpath-file})
 * @param mainClass  the class the JVM runs
 */
public record ImageEntrypoint(String executable, List<String> jvmOptions, String classpath, String mainClass) {

    /** Reads {@code entrypoint}; fails when it is not a Java entrypoint with a class path and a main class. */
    public static ImageEntrypoint of(List<String> entrypoint) {
        int cp = Math.max(entrypoint.indexOf("-cp"), entrypoint.indexOf("-classpath"));
        if (cp < 1 || cp + 2 >= entrypoint.size()) {
            throw new IllegalArgumentException("not a Java entrypoint with -cp and a main class: " + entrypoint);
        }
        return new ImageEntrypoint(entrypoint.getFirst(), List.copyOf(entrypoint.subList(1, cp)), entrypoint.get(cp + 1),
                entrypoint.get(cp + 2));
    }

    /** The JVM options without the argument files under {@code imageDir} (an ahead-of-time cache's options, say). */
    public List<String> jvmOptionsWithoutArgumentFilesIn(String imageDir) {
        String prefix = "@" + (imageDir.endsWith("/") ? imageDir : imageDir + "/");
        return jvmOptions.stream().filter(option -> !option.startsWith(prefix)).toList();
    }

    /**
     * The class path with every absolute entry moved under {@code root}; an argument file is read from
     * {@code root} first. Wildcard entries stay wildcards, which the launcher expands.
     */
    public String classpathUnder(Path root) throws IOException {
        String value = classpath;
        if (value.startsWith("@")) {
            value = Files.readString(inside(root, value.substring(1))).strip();
        }
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(":")) {
            entries.add(entry.startsWith("/") ? inside(root, entry).toString() : entry);
        }
        return String.join(":", entries);
    }

    /** The executable in {@code root}, looked up on the image's {@code PATH} (from {@code env}, else the usual directories). */
    public Optional<Path> executableIn(Path root, List<String> env) {
        if (executable.startsWith("/")) {
            return Optional.of(inside(root, executable)).filter(Files::isExecutable);
        }
        String path = Optional.ofNullable(env).orElse(List.of()).stream()
                .filter(variable -> variable.startsWith("PATH="))
                .map(variable -> variable.substring("PATH=".length()))
                .findFirst()
                .orElse("/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.startsWith("/")) {
                Path candidate = inside(root, dir).resolve(executable);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The feature release (21, 25, ...) of the Java runtime {@code java} belongs to, from its {@code release} file. */
    public static OptionalInt featureRelease(Path java) throws IOException {
        Path release = java.toAbsolutePath().getParent().getParent().resolve("release");
        if (!Files.isRegularFile(release)) {
            return OptionalInt.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newInputStream(release)) {
            properties.load(in);
        }
        String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
        String feature = version.split("[.+-]", 2)[0];
        return feature.matches("\\d+") ? OptionalInt.of(Integer.parseInt(feature)) : OptionalInt.empty();
    }

    private static Path inside(Path root, String absolute) {
        Path resolved = root.resolve(absolute.substring(1)).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException(absolute + " leaves the image's root");
        }
        return resolved;
    }
}
