package com.nightshift.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceStartTest {

    @TempDir
    Path dir;

    @Test
    void stopsTheServiceWithSigtermOnceItHasStarted() throws Exception {
        // A stand-in that logs the line, then waits; its trap shows it was stopped by SIGTERM.
        String script = "trap 'echo stopped by TERM; exit 0' TERM; echo '{\"formattedMessage\":\"Startup completed in 321ms.\"}';"
                + " while true; do sleep 0.1; done";

        ServiceStart.Outcome outcome = ServiceStart.run(List.of("/bin/sh", "-c", script), Map.of("PATH", "/usr/bin:/bin"),
                dir.resolve("start.log"), Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(outcome.started()).isTrue();
        assertThat(outcome.reportedMillis()).hasValue(321);
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.output()).contains("stopped by TERM");
    }

    @Test
    void reportsAServiceThatEndsWithoutStarting() throws Exception {
        ServiceStart.Outcome outcome = ServiceStart.run(List.of("/bin/sh", "-c", "echo no configuration; exit 3"),
                Map.of(), dir.resolve("start.log"), Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(outcome.started()).isFalse();
        assertThat(outcome.reportedMillis()).isEmpty();
        assertThat(outcome.exitCode()).isEqualTo(3);
        assertThat(outcome.output()).contains("no configuration");
    }

    @Test
    void passesExactlyTheGivenEnvironment() throws Exception {
        ServiceStart.Outcome outcome = ServiceStart.run(
                List.of("/bin/sh", "-c", "echo \"region=$AWS_REGION home=${HOME:-unset}\""),
                Map.of("AWS_REGION", "us-east-1"), dir.resolve("start.log"), Duration.ofSeconds(30),
                Duration.ofMillis(100), Duration.ofSeconds(30));

        assertThat(outcome.output()).contains("region=us-east-1 home=unset");
    }

    @Test
    void theOfflineEnvironmentPointsEveryEndpointAtOneClosedLoopbackPort() {
        Map<String, String> variables = OfflineServiceEnvironment.variables(4321);

        assertThat(variables).containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4321")
                .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4321")
                .containsEntry("RISK_QUEUE_URL", "http://127.0.0.1:4321/000000000000/offline-risk")
                .containsKeys("INGEST_QUEUE_URL", "RECON_QUEUE_URL", "REPORT_QUEUE_URL", "DATA_BUCKET", "STAGING_BUCKET",
                        "OUTPUT_BUCKET", "MANIFEST_SIGNING_KEY", "REPORTS_TOKEN_KEY");
        assertThat(variables.values()).filteredOn(value -> value.startsWith("http"))
                .allMatch(value -> value.startsWith("http://127.0.0.1:4321"));
    }
}
