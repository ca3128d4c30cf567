package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceAotCacheTest {

    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");
    private static final Runtime.Version JDK_21 = Runtime.Version.parse("21.0.5+11");
    private static final Runtime.Version JDK_25 = Runtime.Version.parse("25.0.3+9");

    @TempDir
    Path directory;

    @Test
    void a_JDK_older_than_25_starts_services_without_a_cache() throws IOException {
        assertThat(ServiceAotCache.forJar(jar("old-jdk-all.jar"), OPTIONS, JDK_21, null)).isEmpty();
    }

    @Test
    void NIGHTSHIFT_AOT_0_turns_the_cache_off() throws IOException {
        assertThat(ServiceAotCache.forJar(jar("off-all.jar"), OPTIONS, JDK_25, "0")).isEmpty();
    }

    @Test
    void without_a_cache_the_first_process_records_one_and_others_start_without() throws IOException {
        Path jar = jar("first-all.jar");

        ServiceAotCache training = ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow();

        assertThat(training.recording()).isTrue();
        assertThat(training.processOptions()).anyMatch(o -> o.equals("-XX:AOTMode=record"))
                .anyMatch(o -> o.startsWith("-XX:AOTConfiguration=" + directory.resolve("aot")));
        assertThat(ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null)).isEmpty();
        training.assemble("java");
    }

    @Test
    void a_cache_is_missing_until_one_is_made_for_the_jar_and_never_where_caches_are_not_made() throws IOException {
        Path jar = jar("missing-all.jar");

        assertThat(ServiceAotCache.missing(jar, JDK_25, null)).isTrue();
        assertThat(ServiceAotCache.missing(jar, JDK_21, null)).isFalse();
        assertThat(ServiceAotCache.missing(jar, JDK_25, "0")).isFalse();
        ServiceAotCache training = ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow();
        Files.writeString(training.cache(), "cache");
        assertThat(ServiceAotCache.missing(jar, JDK_25, null)).isFalse();
        training.assemble("java");
    }

    @Test
    void a_cache_made_for_the_jar_as_it_is_is_used() throws IOException {
        Path jar = jar("made-all.jar");
        Path cache = ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow().cache();
        Files.writeString(cache, "cache");

        ServiceAotCache used = ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow();

        assertThat(used.recording()).isFalse();
        assertThat(used.processOptions()).contains("-XX:AOTCache=" + cache).noneMatch(o -> o.contains("AOTMode"));
    }

    @Test
    void another_JDK_gets_a_cache_of_its_own() throws IOException {
        Path jar = jar("jdk-all.jar");
        ServiceAotCache before = ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow();
        before.assemble("java");

        assertThat(ServiceAotCache.forJar(jar, OPTIONS, Runtime.Version.parse("25.0.4+7"), null).orElseThrow().cache())
                .isNotEqualTo(before.cache());
    }

    @Test
    void a_rebuilt_jar_gets_a_cache_of_its_own() throws IOException {
        Path jar = jar("rebuilt-all.jar");
        ServiceAotCache before = ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow();
        before.assemble("java");
        Files.writeString(jar, "a rebuilt jar, longer than before");

        assertThat(ServiceAotCache.forJar(jar, OPTIONS, JDK_25, null).orElseThrow().cache()).isNotEqualTo(before.cache());
    }

    private Path jar(String name) throws IOException {
        return Files.writeString(directory.resolve(name), "jar");
    }
}
