package com.nightshift.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ahead-of-time cache a service's JVM starts from on JDK 25 or newer (JEP 483, 514, 515): its
 * classes already read, parsed and linked, with the method profiles of a run, so that four services
 * starting at once on two cores are each up in under two seconds instead of about four.
 *
 * <p>The cache is kept next to the jar, in {@code target/aot}, and named after the jar's size and time and
 * the JDK's version: a rebuilt jar or another JDK gets a new one, because a cache is valid only for the
 * exact classpath and JDK it was made with. The first process of a service started without a cache is
 * the training run: it records which classes it loads while it works ({@code -XX:AOTMode=record});
 * {@link LocalStack} makes that run a start of its own before the night's processes, so that they start
 * from the cache. When it has stopped, the cache is assembled from that recording
 * ({@code -XX:AOTMode=create}, a few seconds, once) into a private name and moved into place, so
 * concurrent runs never see half a file. A cache the JVM finds unusable is simply
 * not used. {@code NIGHTSHIFT_AOT=0} turns it off.
 */
final class ServiceAotCache {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAotCache.class);
    /** The first JDK whose {@code java} makes and uses an AOT cache (JEP 483, 514, 515). */
    static final int FIRST_JDK = 25;
    /** The JVM's own notes about the cache (found, unusable, recorded) stay out of the service's JSON log. */
    private static final List<String> QUIET = List.of("-Xlog:aot*=off", "-Xlog:cds*=off");
    /** Caches being recorded by processes of this JVM: one training run per cache is enough. */
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    private final Path jar;
    private final Path cache;
    private final List<String> jvmOptions;
    private final Optional<Path> recording;

    private ServiceAotCache(Path jar, Path cache, List<String> jvmOptions, Optional<Path> recording) {
        this.jar = jar;
        this.cache = cache;
        this.jvmOptions = jvmOptions;
        this.recording = recording;
    }

    /**
     * What a process of {@code jar} started with {@code jvmOptions} adds to its command line: the cache when
     * there is one, else a recording when no other process of this JVM is making it; empty when this JDK
     * is older than {@value #FIRST_JDK}, when turned off, or when the cache directory cannot be written.
     */
    static Optional<ServiceAotCache> forJar(Path jar, List<String> jvmOptions, Runtime.Version jdk,
            String switchSetting) {
        if (!enabled(jdk, switchSetting)) {
            return Optional.empty();
        }
        Path cache;
        try {
            cache = cacheFile(jar, jdk);
            Files.createDirectories(cache.getParent());
            if (made(cache)) {
                return Optional.of(new ServiceAotCache(jar, cache, jvmOptions, Optional.empty()));
            }
        } catch (IOException unwritable) {
            return Optional.empty();
        }
        if (!RECORDING.add(cache)) {
            return Optional.empty();
        }
        Path configuration = cache.resolveSibling(baseName(jar) + "-" + UUID.randomUUID() + ".aotconf");
        return Optional.of(new ServiceAotCache(jar, cache, jvmOptions, Optional.of(configuration)));
    }

    /**
     * Whether a process of {@code jar} would record a cache rather than start from one: this JDK makes
     * caches, they are not turned off, and the jar has none yet.
     */
    static boolean missing(Path jar, Runtime.Version jdk, String switchSetting) {
        if (!enabled(jdk, switchSetting)) {
            return false;
        }
        try {
            return !made(cacheFile(jar, jdk));
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static boolean enabled(Runtime.Version jdk, String switchSetting) {
        return jdk.feature() >= FIRST_JDK && !"0".equals(switchSetting);
    }

    private static boolean made(Path cache) throws IOException {
        return Files.isRegularFile(cache) && Files.size(cache) > 0;
    }

    /** {@code target/aot/<jar>-<size>-<time>-jdk<version>.aot}, beside the jar. */
    private static Path cacheFile(Path jar, Runtime.Version jdk) throws IOException {
        return jar.toAbsolutePath().getParent().resolve("aot").resolve(baseName(jar) + "-" + Files.size(jar) + "-"
                + Files.getLastModifiedTime(jar).toMillis() + "-jdk" + jdk.toString().replaceAll("[^0-9A-Za-z.]", "_")
                + ".aot");
    }

    /** The jar's file name without {@code .jar}: the prefix of its caches and recordings. */
    private static String baseName(Path jar) {
        return jar.getFileName().toString().replaceFirst("\\.jar$", "");
    }

    /** Caches of earlier builds of the jar (or other JDKs) are some 80 MB each: only the newest is kept. */
    private void removeOlderCaches() throws IOException {
        String jarName = baseName(jar) + "-";
        try (var files = Files.list(cache.getParent())) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!file.equals(cache) && name.startsWith(jarName) && (name.endsWith(".aot") || name.endsWith(".aot.create.log"))
                        && !name.equals(cache.getFileName() + ".create.log")) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** The options to start the process with: use the cache, or record for it. */
    List<String> processOptions() {
        List<String> options = new ArrayList<>();
        recording.ifPresentOrElse(configuration -> {
            options.add("-XX:AOTMode=record");
            options.add("-XX:AOTConfiguration=" + configuration);
        }, () -> options.add("-XX:AOTCache=" + cache));
        options.addAll(QUIET);
        return options;
    }

    boolean recording() {
        return recording.isPresent();
    }

    Path cache() {
        return cache;
    }

    /**
     * After the training process has stopped: assembles the cache from its recording, with the same JDK,
     * options and jar. Does nothing for a process that used the cache; a failure only leaves no cache.
     */
    void assemble(String javaExecutable) {
        if (recording.isEmpty()) {
            return;
        }
        Path configuration = recording.get();
        Path assembling = cache.resolveSibling(cache.getFileName() + "." + UUID.randomUUID());
        try {
            if (!Files.isRegularFile(configuration) || Files.size(configuration) == 0) {
                return;
            }
            List<String> command = new ArrayList<>(List.of(javaExecutable, "-XX:AOTMode=create",
                    "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + assembling));
            command.addAll(QUIET);
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            Path log = cache.resolveSibling(cache.getFileName() + ".create.log");
            Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (create.waitFor(2, TimeUnit.MINUTES) && create.exitValue() == 0 && Files.size(assembling) > 0) {
                Files.move(assembling, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                removeOlderCaches();
                LOG.info("start-up cache of {} made: {}", jar.getFileName(), cache);
            } else {
                create.destroyForcibly();
                LOG.warn("no start-up cache for {}: its assembly failed (see {})", jar.getFileName(), log);
            }
        } catch (IOException e) {
            LOG.warn("no start-up cache for {}: {}", jar.getFileName(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            RECORDING.remove(cache);
            try {
                Files.deleteIfExists(configuration);
                Files.deleteIfExists(assembling);
            } catch (IOException ignored) {
                // a leftover recording is harmless and overwritten by name next time
            }
        }
    }
}
