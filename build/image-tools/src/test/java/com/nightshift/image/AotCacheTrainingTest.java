package com.nightshift.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases where no cache can be made: each leaves an empty java-options file, so the image still
 * starts. (A cache being made and used is ContainerImageIT's, on the real images.)
 */
class AotCacheTrainingTest {

    private static final String ENTRYPOINT = "[\"java\",\"-Xmx1g\",\"@/app/aot/java-options\",\"-cp\","
            + "\"@/app/jib-classpath-file\",\"com.example.Main\"]";

    @TempDir
    Path dir;

    @Test
    void withoutAnImageNoCacheIsMadeAndNothingIsSaid() throws Exception {
        String said = train(dir.resolve("absent.tar"));

        assertThat(said).isEmpty();
        assertNoCache();
    }

    @Test
    void anImageOnJavaOlderThan25GetsNoCache() throws Exception {
        String said = train(image("JAVA_VERSION=\"21.0.5\"\n", "#!/bin/sh\nexit 0\n"));

        assertThat(said).contains("release 21").doesNotContain("WARNING");
        assertNoCache();
    }

    @Test
    void aStartThatFailsLeavesNoCacheAndSaysWhy() throws Exception {
        String said = train(image("JAVA_VERSION=\"25.0.3\"\n", "#!/bin/sh\necho 'cannot start the service' >&2\nexit 1\n"));

        assertThat(said).contains("WARNING").contains("did not log its start-up complete").contains("cannot start the service");
        assertNoCache();
    }

    private void assertNoCache() throws IOException {
        assertThat(Files.readString(dir.resolve("out").resolve(AotCacheTraining.OPTIONS_FILE))).isEmpty();
        assertThat(dir.resolve("out").resolve("service.aot")).doesNotExist();
    }

    /** Runs the training as the build does, and returns what it printed. */
    private String train(Path tarball) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            AotCacheTraining.main(new String[] {tarball.toString(), dir.resolve("work").toString(),
                    dir.resolve("out").toString(), "/app/aot", "service"});
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** An OCI image tarball of one layer: a Java runtime whose {@code release} and {@code bin/java} are given. */
    private Path image(String release, String javaScript) throws IOException, NoSuchAlgorithmException {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(layer))) {
            add(tar, "opt/java/release", release.getBytes(StandardCharsets.UTF_8), 0644);
            add(tar, "opt/java/bin/java", javaScript.getBytes(StandardCharsets.UTF_8), 0755);
            add(tar, "app/jib-classpath-file", "/app/classpath/*:/app/libs/a.jar".getBytes(StandardCharsets.UTF_8), 0644);
        }
        String layerDigest = put(blobs, layer.toByteArray());
        String configDigest = put(blobs, ("{\"config\":{\"Env\":[\"PATH=/opt/java/bin:/usr/bin:/bin\"],\"Entrypoint\":"
                + ENTRYPOINT + ",\"User\":\"1000:1000\"}}").getBytes(StandardCharsets.UTF_8));
        String manifestDigest = put(blobs, ("{\"schemaVersion\":2,\"config\":{\"digest\":\"" + configDigest
                + "\"},\"layers\":[{\"digest\":\"" + layerDigest + "\"}]}").getBytes(StandardCharsets.UTF_8));
        Path tarball = dir.resolve("image.tar");
        try (OutputStream out = Files.newOutputStream(tarball); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            add(tar, "index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"" + manifestDigest + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8), 0644);
            for (Map.Entry<String, byte[]> blob : blobs.entrySet()) {
                add(tar, "blobs/sha256/" + blob.getKey().substring("sha256:".length()), blob.getValue(), 0644);
            }
        }
        return tarball;
    }

    private static String put(Map<String, byte[]> blobs, byte[] content) throws NoSuchAlgorithmException {
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        blobs.put(digest, content);
        return digest;
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
