package com.nightshift.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageEntrypointTest {

    private static final List<String> JIB = List.of("java", "-XX:MaxRAMPercentage=75", "@/app/aot/java-options",
            "-cp", "@/app/jib-classpath-file", "com.example.Application");

    @TempDir
    Path root;

    @Test
    void takesJibsEntrypointApart() {
        ImageEntrypoint entrypoint = ImageEntrypoint.of(JIB);

        assertThat(entrypoint.executable()).isEqualTo("java");
        assertThat(entrypoint.jvmOptions()).containsExactly("-XX:MaxRAMPercentage=75", "@/app/aot/java-options");
        assertThat(entrypoint.classpath()).isEqualTo("@/app/jib-classpath-file");
        assertThat(entrypoint.mainClass()).isEqualTo("com.example.Application");
    }

    @Test
    void leavesOutTheArgumentFilesOfTheCacheDirectoryOnly() {
        assertThat(ImageEntrypoint.of(JIB).jvmOptionsWithoutArgumentFilesIn("/app/aot"))
                .containsExactly("-XX:MaxRAMPercentage=75");
        assertThat(ImageEntrypoint.of(JIB).jvmOptionsWithoutArgumentFilesIn("/app/other"))
                .containsExactly("-XX:MaxRAMPercentage=75", "@/app/aot/java-options");
    }

    @Test
    void movesTheClasspathFromItsArgumentFileUnderTheRoot() throws IOException {
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("app/jib-classpath-file"), "/app/classpath/*:/app/libs/a.jar:relative.jar\n");

        assertThat(ImageEntrypoint.of(JIB).classpathUnder(root))
                .isEqualTo(root.resolve("app/classpath/*") + ":" + root.resolve("app/libs/a.jar") + ":relative.jar");
    }

    @Test
    void refusesAClasspathEntryThatLeavesTheRoot() throws IOException {
        Files.createDirectories(root.resolve("app"));
        Files.writeString(root.resolve("app/jib-classpath-file"), "/app/../../etc/a.jar");

        assertThatThrownBy(() -> ImageEntrypoint.of(JIB).classpathUnder(root))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaves the image's root");
    }

    @Test
    void findsTheExecutableOnTheImagesPath() throws IOException {
        Path java = Files.createDirectories(root.resolve("opt/java/bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n");
        java.toFile().setExecutable(true);

        assertThat(ImageEntrypoint.of(JIB).executableIn(root, List.of("LANG=C.UTF-8", "PATH=/usr/bin:/opt/java/bin")))
                .contains(java);
        assertThat(ImageEntrypoint.of(JIB).executableIn(root, List.of("PATH=/usr/bin"))).isEmpty();
    }

    @Test
    void readsTheFeatureReleaseOfTheRuntime() throws IOException {
        Path java = Files.createDirectories(root.resolve("opt/java/bin")).resolve("java");
        Files.writeString(root.resolve("opt/java/release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");

        assertThat(ImageEntrypoint.featureRelease(java)).hasValue(25);
        Files.writeString(root.resolve("opt/java/release"), "JAVA_VERSION=\"21\"\n");
        assertThat(ImageEntrypoint.featureRelease(java)).hasValue(21);
        Files.delete(root.resolve("opt/java/release"));
        assertThat(ImageEntrypoint.featureRelease(java)).isEmpty();
    }

    @Test
    void refusesAnEntrypointWithoutClasspathAndMainClass() {
        assertThatThrownBy(() -> ImageEntrypoint.of(List.of("/bin/sh", "-c", "run")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ImageEntrypoint.of(List.of("java", "-cp", "/app/a.jar")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
