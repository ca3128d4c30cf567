package com.nightshift.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import com.nightshift.image.ImageTarball.ContainerConfig;

/**
 * Makes the ahead-of-time cache a service image carries (JEP 483, 514, 515: classes read, parsed and
 * linked, with method profiles), so that a task Fargate starts maps its start-up instead of doing it.
 *
 * <p>A cache serves only the Java runtime and class path it was made with, so it is made from the image
 * itself: an image built without it is unpacked, and the image's own Java starts the service there, on
 * the image's class path moved under the unpacked root (the JVM matches a class path by the part after
 * the common prefix, and each jar by size and modification time, which the unpacking keeps), with the
 * image's JVM options and {@link OfflineServiceEnvironment}. That start is recorded up to Micronaut's
 * start-up complete line and a moment after; the cache is assembled from the recording. Written to the
 * output directory, which the image carries at {@code imageDir}:
 * <ul>
 * <li>{@code <name>.aot}, the cache;</li>
 * <li>{@code java-options}, the argument file the entrypoint names: {@code -XX:AOTCache=<imageDir>/<name>.aot},
 * or empty when no cache was made (a runtime older than JDK 25, or one that does not run on this machine),
 * so the image starts either way.</li>
 * </ul>
 * A failed training leaves the options empty and says why; ContainerImageIT then fails, since it starts
 * the final image's service with the cache required.
 *
 * <p>Usage: {@code AotCacheTraining IMAGE_TAR WORK_DIR OUTPUT_DIR IMAGE_DIR NAME}
 */
public final class AotCacheTraining {

    /** The first Java feature release that makes and uses such a cache. */
    public static final int FIRST_RELEASE = 25;
    /** The argument file of JVM options the entrypoint names in the image's cache directory. */
    public static final String OPTIONS_FILE = "java-options";

    private static final Duration START_LIMIT = Duration.ofMinutes(3);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(60);
    private static final long CREATE_LIMIT_MINUTES = 5;

    private AotCacheTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: AotCacheTraining IMAGE_TAR WORK_DIR OUTPUT_DIR IMAGE_DIR NAME");
            System.exit(2);
        }
        Path output = Path.of(args[2]);
        String name = args[4];
        Files.createDirectories(output);
        Path cache = output.resolve(name + ".aot");
        Files.deleteIfExists(cache);
        Files.writeString(output.resolve(OPTIONS_FILE), "");
        String message;
        try {
            message = train(Path.of(args[0]), Path.of(args[1]), cache, args[3]);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(cache);
            message = "WARNING: no ahead-of-time cache in the image: "
                    + (e instanceof TrainingFailed ? e.getMessage() : e.toString());
        }
        if (!message.isEmpty()) {
            System.out.println("[" + name + "] " + message);
        }
    }

    /** Trains the cache into {@code cache}; returns what to report. */
    static String train(Path tarball, Path work, Path cache, String imageDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            // No image was built (-Djib.skip, as the command line's own builds do): nothing to train, nothing to say.
            return "";
        }
        ImageTarball.deleteTree(work);
        ImageTarball image = ImageTarball.open(tarball, work.resolve("image"));
        ContainerConfig config = image.config().container();
        Path root = work.resolve("rootfs");
        image.unpack(root);
        ImageTarball.deleteTree(work.resolve("image"));

        ImageEntrypoint entrypoint = ImageEntrypoint.of(config.entrypoint());
        Path java = entrypoint.executableIn(root, config.env())
                .orElseThrow(() -> new TrainingFailed("no " + entrypoint.executable() + " on the image's PATH"));
        OptionalInt release = ImageEntrypoint.featureRelease(java);
        if (release.isEmpty() || release.getAsInt() < FIRST_RELEASE) {
            ImageTarball.deleteTree(work);
            return "no ahead-of-time cache: the image's Java is " + (release.isEmpty() ? "of unknown release"
                    : "release " + release.getAsInt()) + ", and caches begin with " + FIRST_RELEASE;
        }
        List<String> options = entrypoint.jvmOptionsWithoutArgumentFilesIn(imageDir);
        String classpath = entrypoint.classpathUnder(root);
        Path configuration = work.resolve("training.aotconf");

        List<String> record = new ArrayList<>(List.of(java.toString(), "-XX:AOTMode=record",
                "-XX:AOTConfiguration=" + configuration));
        record.addAll(options);
        record.addAll(List.of("-cp", classpath, entrypoint.mainClass()));
        Map<String, String> environment = OfflineServiceEnvironment.variables();
        ServiceStart.Outcome start = ServiceStart.run(record, environment, work.resolve("record.log"), START_LIMIT,
                SETTLE, STOP_LIMIT);
        if (!start.started() || !Files.isRegularFile(configuration) || Files.size(configuration) == 0) {
            throw new TrainingFailed("the recorded start " + (start.started() ? "left no configuration"
                    : "did not log its start-up complete") + " (exit " + start.exitCode() + "); its log:\n"
                    + tail(start.output()));
        }

        List<String> create = new ArrayList<>(List.of(java.toString(), "-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + cache.toAbsolutePath()));
        create.addAll(options);
        create.addAll(List.of("-cp", classpath, entrypoint.mainClass()));
        Path createLog = work.resolve("create.log");
        Process assembling = new ProcessBuilder(create).redirectErrorStream(true).redirectOutput(createLog.toFile()).start();
        if (!assembling.waitFor(CREATE_LIMIT_MINUTES, TimeUnit.MINUTES)) {
            assembling.destroyForcibly().waitFor();
            throw new TrainingFailed("assembling the cache took longer than " + CREATE_LIMIT_MINUTES + " minutes");
        }
        if (assembling.exitValue() != 0 || !Files.isRegularFile(cache)) {
            throw new TrainingFailed("assembling the cache failed (exit " + assembling.exitValue() + "):\n"
                    + tail(Files.readString(createLog)));
        }
        Files.writeString(cache.resolveSibling(OPTIONS_FILE), "-XX:AOTCache=" + imageDir + "/" + cache.getFileName() + "\n");
        ImageTarball.deleteTree(work);
        return String.format("ahead-of-time cache %s, %d MB, of the Java %d runtime in the image, recorded from a "
                + "start the service reported as %d ms", cache.getFileName(), Files.size(cache) >> 20, release.getAsInt(),
                start.reportedMillis().getAsLong());
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** A training that could not make a cache, and why. */
    static final class TrainingFailed extends RuntimeException {
        TrainingFailed(String message) {
            super(message);
        }
    }
}
