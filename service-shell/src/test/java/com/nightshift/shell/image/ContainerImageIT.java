package com.nightshift.shell.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.nightshift.image.AotCacheTraining;
import com.nightshift.image.ImageEntrypoint;
import com.nightshift.image.ImageTarball;
import com.nightshift.image.ImageTarball.ContainerConfig;
import com.nightshift.image.OfflineServiceEnvironment;
import com.nightshift.image.ServiceStart;

/**
 * The service image as ECS Fargate runs it: user 1000, a read-only root filesystem, and a task
 * bind-mount volume at /tmp. Such a volume is owned by root, so user 1000 cannot write to it, unless
 * the image declares /tmp a VOLUME; then the volume takes the owner and mode of the image's /tmp.
 * This test reads the image tarball the build made ({@code -Dnightshift.image.tar}), checks the
 * declaration and the directory, unpacks the layers into a root filesystem and runs {@link TmpProbe}
 * there on the image's own Java, under {@code chroot} as the image's user with /proc mounted.
 *
 * <p>It also starts the service itself there, from the image's entrypoint, with the image's ahead-of-time
 * cache required ({@code -XX:AOTMode=on}, so a cache the JVM cannot use ends the start), with /dev
 * mounted as a container runtime provides it and {@link OfflineServiceEnvironment}: the image starts, and
 * starts from its cache.
 *
 * <p>Runs in every service module (failsafe scans this module's test jar, see build/service-parent).
 * It needs root, for chroot and the proc mount, and fails when it is not root rather than pass unchecked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerImageIT {

    private static final String USER = "1000:1000";
    /** Jib's application root: classes, resources and libraries, written by root and read-only for the user. */
    private static final String APP_ROOT = "/app";
    private static final String PROBE_DIR = "/nightshift-image-check";
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    private static final long PROBE_TIMEOUT_SECONDS = 120;
    private static final String AOT_DIR = "/app/aot";
    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private Path work;
    private Path root;
    private ContainerConfig config;
    private Map<String, String> probe;
    private ImageEntrypoint entrypoint;
    private OptionalInt javaRelease;
    private ServiceStart.Outcome serviceStart;

    @BeforeAll
    void unpackAndProbe() throws Exception {
        String property = System.getProperty("nightshift.image.tar");
        assertThat(property).as("system property nightshift.image.tar (set by build/service-parent)").isNotBlank();
        Path tarball = Path.of(property).toAbsolutePath();
        assertThat(tarball).as("the image tarball Jib writes at package").isRegularFile();
        Path chroot = requireRootAnd("chroot");
        Path mount = command("mount");
        Path umount = command("umount");

        work = tarball.resolveSibling("image-check");
        cleanUp(umount);
        ImageTarball image = ImageTarball.open(tarball, work.resolve("image"));
        config = image.config().container();
        root = work.resolve("rootfs");
        image.unpack(root);
        ImageTarball.deleteTree(work.resolve("image"));
        installProbe();

        entrypoint = ImageEntrypoint.of(config.entrypoint());
        Path java = entrypoint.executableIn(root, config.env()).orElseThrow(() -> new AssertionError(
                "no " + entrypoint.executable() + " on the image's PATH"));
        javaRelease = ImageEntrypoint.featureRelease(java);

        Path proc = root.resolve("proc");
        Path dev = root.resolve("dev");
        Files.createDirectories(proc);
        Files.createDirectories(dev);
        Result mounted = run(List.of(mount.toString(), "-t", "proc", "proc", proc.toString()), null, COMMAND_TIMEOUT_SECONDS);
        assertThat(mounted.exit()).as("mount -t proc: %s", mounted.output()).isZero();
        try {
            // The JVM's random seeds and /dev/null: a container runtime gives every container a /dev.
            Result devices = run(List.of(mount.toString(), "--bind", "/dev", dev.toString()), null, COMMAND_TIMEOUT_SECONDS);
            assertThat(devices.exit()).as("mount --bind /dev: %s", devices.output()).isZero();
            Result result = run(probeCommand(chroot), imageEnvironment(), PROBE_TIMEOUT_SECONDS);
            assertThat(result.exit()).as("TmpProbe under chroot as %s: %s", config.user(), result.output()).isZero();
            probe = parse(result.output());
            Map<String, String> environment = imageEnvironment();
            environment.putAll(OfflineServiceEnvironment.variables());
            serviceStart = ServiceStart.run(serviceCommand(chroot), environment, work.resolve("service-start.log"),
                    START_LIMIT, Duration.ofMillis(500), Duration.ofSeconds(COMMAND_TIMEOUT_SECONDS));
            System.out.printf("%s started in the image in %s ms (Micronaut's figure), %s%n", service(),
                    serviceStart.reportedMillis().isPresent() ? serviceStart.reportedMillis().getAsLong() : "-",
                    hasCache() ? "from its ahead-of-time cache" : "without an ahead-of-time cache");
        } finally {
            for (Path mountPoint : List.of(dev, proc)) {
                if (mountPointsUnder(mountPoint).contains(mountPoint)) {
                    Result unmounted = run(List.of(umount.toString(), mountPoint.toString()), null, COMMAND_TIMEOUT_SECONDS);
                    assertThat(unmounted.exit()).as("umount %s: %s", mountPoint, unmounted.output()).isZero();
                }
            }
        }
    }

    @AfterAll
    void removeRootFilesystem() throws Exception {
        if (work != null) {
            cleanUp(command("umount"));
        }
    }

    @Test
    void theImageDeclaresTmpAVolume() {
        assertThat(config.volumes()).as("config.Volumes of the image").isNotNull().containsKey("/tmp");
    }

    @Test
    void theImageRunsAsUser1000() {
        assertThat(config.user()).isEqualTo(USER);
    }

    @Test
    void tmpInTheImageIsWritableForUser1000() throws IOException {
        Path tmp = root.resolve("tmp");
        assertThat(Files.isDirectory(tmp, LinkOption.NOFOLLOW_LINKS)).as("/tmp is a directory in the image").isTrue();
        int mode = (int) Files.getAttribute(tmp, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        int owner = (int) Files.getAttribute(tmp, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        assertThat(mode == 01777 || owner == 1000)
                .as("/tmp is mode 1777 or owned by 1000; it is mode %o, owner %d", mode, owner)
                .isTrue();
    }

    @Test
    void theProbeRanAsTheImageUser() {
        assertThat(probe).containsEntry("uid", "1000").containsEntry("gid", "1000");
    }

    @Test
    void user1000WritesAFileInTmpAndReadsItBack() {
        assertThat(probe).containsEntry("tmpdir", "/tmp").containsEntry("tmp-write", "ok");
    }

    @Test
    void user1000CannotWriteTheApplicationDirectory() {
        assertThat(probe).containsEntry("app-write", "denied");
    }

    @Test
    void theEntrypointNamesTheAheadOfTimeCacheOptions() {
        assertThat(entrypoint.jvmOptions()).contains("@" + AOT_DIR + "/" + AotCacheTraining.OPTIONS_FILE);
        assertThat(root.resolve(AOT_DIR.substring(1)).resolve(AotCacheTraining.OPTIONS_FILE))
                .as("the options file the entrypoint names (empty when the image has no cache)").isRegularFile();
    }

    @Test
    void anImageOnJava25OrNewerCarriesTheCacheOfItsOwnRuntime() throws IOException {
        Path options = root.resolve(AOT_DIR.substring(1)).resolve(AotCacheTraining.OPTIONS_FILE);
        Path cache = root.resolve(AOT_DIR.substring(1)).resolve(service() + ".aot");
        if (Boolean.getBoolean("nightshift.aot.skip") || javaRelease.orElse(0) < AotCacheTraining.FIRST_RELEASE) {
            assertThat(Files.readString(options)).as("the options of an image without a cache (Java %s)", javaRelease)
                    .isBlank();
            return;
        }
        assertThat(cache).as("the ahead-of-time cache of an image on Java %s", javaRelease).isRegularFile();
        assertThat(Files.readString(options).strip()).isEqualTo("-XX:AOTCache=" + AOT_DIR + "/" + service() + ".aot");
    }

    @Test
    void theServiceStartsInTheImageAsTheImageUserFromItsCache() {
        assertThat(serviceStart.started())
                .as("%s logs its start-up complete under chroot as %s%s; its output:%n%s", service(), config.user(),
                        hasCache() ? " with its cache required (-XX:AOTMode=on)" : "", serviceStart.output())
                .isTrue();
        assertThat(serviceStart.output()).as("the JVM's complaints about the cache").doesNotContain("[error][aot]");
    }

    /** The image's entrypoint with its JVM flags (but the cache's, which is for the service's class path), the probe as the class to run. */
    private List<String> probeCommand(Path chroot) {
        List<String> command = new ArrayList<>(List.of(chroot.toString(), "--userspec=" + config.user(), root.toString(),
                entrypoint.executable()));
        command.addAll(entrypoint.jvmOptionsWithoutArgumentFilesIn(AOT_DIR));
        command.addAll(List.of("-cp", PROBE_DIR, TmpProbe.class.getName(), APP_ROOT));
        return command;
    }

    /** The image's entrypoint as it is, under chroot as the image's user; the cache required when there is one. */
    private List<String> serviceCommand(Path chroot) {
        List<String> command = new ArrayList<>(List.of(chroot.toString(), "--userspec=" + config.user(), root.toString(),
                entrypoint.executable()));
        if (hasCache()) {
            command.add("-XX:AOTMode=on");
        }
        command.addAll(entrypoint.jvmOptions());
        command.addAll(List.of("-cp", entrypoint.classpath(), entrypoint.mainClass()));
        return command;
    }

    private boolean hasCache() {
        return Files.isRegularFile(root.resolve(AOT_DIR.substring(1)).resolve(service() + ".aot"));
    }

    private static String service() {
        String service = System.getProperty("nightshift.service");
        assertThat(service).as("system property nightshift.service (set by build/service-parent)").isNotBlank();
        return service;
    }

    /** The environment the image gives its process (chroot looks the entrypoint up on the image's PATH). */
    private Map<String, String> imageEnvironment() {
        Map<String, String> environment = new HashMap<>();
        for (String variable : Optional.ofNullable(config.env()).orElse(List.of())) {
            int equals = variable.indexOf('=');
            environment.put(variable.substring(0, equals), variable.substring(equals + 1));
        }
        return environment;
    }

    /** Copies the probe's class file into the root filesystem, readable for every user. */
    private void installProbe() throws IOException {
        String resource = TmpProbe.class.getName().replace('.', '/') + ".class";
        Path target = root.resolve(PROBE_DIR.substring(1)).resolve(resource);
        Files.createDirectories(target.getParent());
        try (InputStream in = TmpProbe.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target);
        }
        for (Path p = target; !p.equals(root); p = p.getParent()) {
            Files.setAttribute(p, "unix:mode", Files.isDirectory(p) ? 0755 : 0644);
        }
    }

    private static Map<String, String> parse(String output) {
        Map<String, String> values = new LinkedHashMap<>();
        output.lines().filter(line -> line.contains("=")).forEach(line -> {
            int equals = line.indexOf('=');
            values.put(line.substring(0, equals), line.substring(equals + 1));
        });
        return values;
    }

    /** Unmounts what an earlier run may have left mounted beneath the work directory, then deletes it. */
    private void cleanUp(Path umount) throws IOException, InterruptedException {
        for (Path mountPoint : mountPointsUnder(work)) {
            Result result = run(List.of(umount.toString(), mountPoint.toString()), null, COMMAND_TIMEOUT_SECONDS);
            if (result.exit() != 0) {
                run(List.of(umount.toString(), "-l", mountPoint.toString()), null, COMMAND_TIMEOUT_SECONDS);
            }
        }
        List<Path> left = mountPointsUnder(work);
        if (!left.isEmpty()) {
            throw new IllegalStateException("still mounted, so not deleting " + work + ": " + left);
        }
        ImageTarball.deleteTree(work);
    }

    private static List<Path> mountPointsUnder(Path dir) throws IOException {
        List<Path> points = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length > 1) {
                Path point = Path.of(fields[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\"));
                if (point.startsWith(dir)) {
                    points.add(point);
                }
            }
        }
        // Deepest first, so nested mounts come off before their parents.
        points.sort((a, b) -> b.getNameCount() - a.getNameCount());
        return points;
    }

    /** Fails with the reason when this process cannot do what the check needs. */
    private static Path requireRootAnd(String name) throws IOException {
        int uid = (int) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assertThat(uid)
                .as("ContainerImageIT runs the image's Java as user 1000 under chroot with /proc mounted, which needs "
                        + "root; this build runs as uid %d. Run it as root (CI does), or leave integration tests out "
                        + "with -DskipITs.", uid)
                .isZero();
        return command(name);
    }

    private static Path command(String name) {
        List<String> dirs = new ArrayList<>(List.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("ContainerImageIT needs `" + name + "` (coreutils / util-linux) "
                        + "on PATH or in /usr/sbin, /sbin, /usr/bin or /bin, and found none"));
    }

    private record Result(int exit, String output) {
    }

    /** Runs a command to its end within {@code timeoutSeconds}; its output and errors together. */
    private Result run(List<String> command, Map<String, String> environment, long timeoutSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path log = Files.createTempFile(work, "command", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (environment != null) {
                builder.environment().clear();
                builder.environment().putAll(environment);
            }
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds
                        + " s; output so far:\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
