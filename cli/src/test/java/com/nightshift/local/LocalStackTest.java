package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class LocalStackTest {

    @Test
    void process_environment_is_the_task_definition_plus_platform_and_local_overrides() {
        Map<String, String> environment = LocalStack.processEnvironment(
                Map.of("STAGING_BUCKET", "s3-staging-local", "MICRONAUT_SERVER_PORT", "8080", "MANIFEST_SIGNING_KEY", "k"),
                URI.create("http://127.0.0.1:5000"), 41000);
        assertThat(environment).containsEntry("STAGING_BUCKET", "s3-staging-local")
                .containsEntry("MANIFEST_SIGNING_KEY", "k")
                .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")
                .containsEntry("AWS_REGION", "us-east-1")
                .containsEntry("MICRONAUT_SERVER_PORT", "41000")
                .containsEntry("MICRONAUT_SERVER_HOST", "127.0.0.1");
    }

    @Test
    void spans_go_to_the_local_collector_when_one_is_given_and_nowhere_otherwise() {
        Map<String, String> task = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318");
        URI moto = URI.create("http://127.0.0.1:5000");
        assertThat(LocalStack.processEnvironment(task, moto, 1, Optional.of(URI.create("http://127.0.0.1:43190"))))
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:43190");
        assertThat(LocalStack.processEnvironment(task, moto, 1)).doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    @Test
    void nothing_else_of_the_harness_environment_leaks_into_a_service() {
        Map<String, String> environment = LocalStack.processEnvironment(Map.of(), URI.create("http://127.0.0.1:5000"), 1);
        assertThat(environment.keySet()).allMatch(name -> name.startsWith("AWS_") || name.startsWith("MICRONAUT_")
                || Map.of("PATH", 1, "HOME", 1, "TMPDIR", 1, "LANG", 1, "TZ", 1).containsKey(name));
    }
}
