package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * No secret ever appears in a log: after every other test of the suite has run its nights through the
 * local stack, the log of every service process is scanned for the value of every secret in the
 * emulator's Secrets Manager (the application secret's manifest signing key and reports token key,
 * which the services get through their task definitions' {@code secrets}).
 *
 * <p>Runs last ({@code @Order}, with the class orderer the failsafe configuration of this module sets),
 * so that the logs hold the whole suite's run. Against a deployed stack the logs are in CloudWatch,
 * not on this machine, and the test is skipped.
 */
@ExtendWith(StackUnderTest.class)
@Order(Integer.MAX_VALUE)
class SecretsInLogsIT {

    /** Secret values shorter than this would match by chance; the stack's keys are 64 hex digits. */
    private static final int SHORTEST_KEY = 32;

    @Test
    void no_service_log_of_the_run_holds_the_value_of_any_secret(StackDriver stack) throws IOException {
        assumeTrue(stack.localStack().isPresent(), "the logs of a deployed stack are in CloudWatch");
        LocalStack local = stack.localStack().orElseThrow();

        Map<String, String> secrets = secretValues(local);
        assertThat(secrets.keySet()).as("secrets in the emulator's Secrets Manager")
                .anyMatch(name -> name.endsWith(".manifestSigningKey"))
                .anyMatch(name -> name.endsWith(".reportsTokenKey"));
        assertThat(secrets).allSatisfy((name, value) -> assertThat(value.length()).as("length of %s", name)
                .isGreaterThanOrEqualTo(SHORTEST_KEY));

        List<Path> logs = serviceLogs(local);
        assertThat(new SecretLeakScan(secrets).scan(logs)).as("secrets found in the logs of %s", logs).isEmpty();
    }

    @Test
    void the_scan_finds_a_secret_in_upper_case_and_names_it_without_its_value(@TempDir Path dir) throws IOException {
        String key = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
        Path log = dir.resolve("reporting-service.log");
        Files.writeString(log, "{\"message\":\"started\"}\n{\"message\":\"key " + key.toUpperCase() + "\"}\n",
                StandardCharsets.UTF_8);

        List<SecretLeakScan.Finding> findings = new SecretLeakScan(Map.of("secret-app.reportsTokenKey", key))
                .scan(List.of(log));

        assertThat(findings).containsExactly(new SecretLeakScan.Finding("secret-app.reportsTokenKey", log, 2));
        assertThat(findings.getFirst().toString()).doesNotContainIgnoringCase(key);
    }

    /** Every string value of every secret, by secret name and JSON key (the whole value if it is no JSON object). */
    private static Map<String, String> secretValues(LocalStack local) {
        Map<String, String> values = new LinkedHashMap<>();
        try (SecretsManagerClient secrets = local.clients().configure(SecretsManagerClient.builder()).build()) {
            for (ListSecretsResponse page : secrets.listSecretsPaginator(b -> { })) {
                for (SecretListEntry entry : page.secretList()) {
                    String value = secrets.getSecretValue(b -> b.secretId(entry.arn())).secretString();
                    JsonNode json = value.strip().startsWith("{")
                            ? JsonCodec.tree(value.getBytes(StandardCharsets.UTF_8)) : null;
                    if (json != null && json.isObject()) {
                        json.properties().forEach(field -> values.put(entry.name() + "." + field.getKey(),
                                field.getValue().asText()));
                    } else {
                        values.put(entry.name(), value);
                    }
                }
            }
        }
        return values;
    }

    /**
     * The log of every process the stack started, extra workers included; each must exist, hold
     * something and have been written during this run, so the scan cannot pass on logs that are missing,
     * empty or left by an earlier run.
     */
    private static List<Path> serviceLogs(LocalStack local) throws IOException {
        Instant runStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        List<Path> logs = new ArrayList<>();
        for (String service : LocalStack.SERVICES) {
            List<ServiceProcess> processes = local.workers(service);
            assertThat(processes).as("processes of %s", service).isNotEmpty();
            for (ServiceProcess process : processes) {
                Path log = process.log();
                assertThat(log).as("log of %s", service).isRegularFile();
                assertThat(Files.size(log)).as("size of %s", log).isPositive();
                assertThat(Files.getLastModifiedTime(log).toInstant()).as("last write to %s", log).isAfter(runStarted);
                logs.add(log);
            }
        }
        return logs;
    }
}
