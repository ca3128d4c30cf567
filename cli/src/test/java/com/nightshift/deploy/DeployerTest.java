package com.nightshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of a deployment's steps, with a shell that records commands instead of running them. */
class DeployerTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-22T07:30:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final RecordingShell shell = new RecordingShell();
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void layOutProject() throws IOException {
        ProjectTree.config(root, "dev", "dev", "create", "create");
        ProjectTree.templates(root, "dev", 1_000);
    }

    @Test
    void dry_run_prints_every_step_and_runs_nothing() {
        deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0", "--account", "123456789012",
                "--dry-run").run();

        assertThat(shell.commands).isEmpty();
        assertThat(output()).contains("aws cloudformation deploy --region us-east-1 --stack-name nightshift-registry-dev")
                .contains("jib:build -Dnightshift.ecr.registry=123456789012.dkr.ecr.us-east-1.amazonaws.com")
                .contains("123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-reporting-service-dev:0.1.0")
                .contains("--stack-name nightshift-workload-dev")
                .contains("'IngestionImageDigest=<digest from ");
    }

    @Test
    void dry_run_shows_the_collector_command_and_a_placeholder_for_its_digest() {
        deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0", "--account", "123456789012",
                "--dry-run").run();

        assertThat(output()).contains("aws ecr batch-get-image --region us-east-1 --repository-name "
                        + "ecr-public-dev/aws-observability/aws-otel-collector --image-ids imageTag=v0.43.1 --output json")
                .contains("'CollectorImageDigest=<digest of " + ProjectTree.COLLECTOR_IMAGE + ">'");
    }

    @Test
    void snapshot_version_is_tagged_with_the_time_of_the_push() {
        deployer("--env=dev", "--root=" + root, "--version=0.1.0-SNAPSHOT", "--account=123456789012", "--dry-run").run();

        assertThat(output()).contains("/ecr-ingestion-service-dev:0.1.0-SNAPSHOT-20261122073000");
    }

    @Test
    void deployment_runs_registry_then_collector_then_images_then_scans_then_workload() {
        shell.onImages = () -> writeDigests();

        deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0").run();

        assertThat(shell.commands).extracting(c -> String.join(" ", c.subList(0, Math.min(3, c.size()))))
                .containsExactly("aws sts get-caller-identity", "aws cloudformation deploy", "aws ecr batch-get-image",
                        "aws ecr get-login-password", root.resolve("mvnw") + " -B -f",
                        "aws ecr describe-image-scan-findings", "aws ecr describe-image-scan-findings",
                        "aws ecr describe-image-scan-findings", "aws ecr describe-image-scan-findings",
                        "aws cloudformation deploy");
        assertThat(shell.commands.get(1)).contains("nightshift-registry-dev");
        assertThat(shell.commands.getLast()).contains("nightshift-workload-dev",
                "RiskImageDigest=sha256:" + "a".repeat(64), "CollectorImageDigest=sha256:" + "c0".repeat(32));
    }

    @Test
    void scan_gate_reads_the_findings_of_each_pushed_digest() {
        shell.onImages = () -> writeDigests();

        deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0").run();

        assertThat(shell.commands).filteredOn(c -> c.contains("describe-image-scan-findings"))
                .extracting(c -> ScriptedShell.option(c, "--repository-name") + " " + ScriptedShell.option(c, "--image-id"))
                .containsExactly("ecr-ingestion-service-dev imageDigest=sha256:" + "a".repeat(64),
                        "ecr-processing-service-dev imageDigest=sha256:" + "a".repeat(64),
                        "ecr-risk-calculation-dev imageDigest=sha256:" + "a".repeat(64),
                        "ecr-reporting-service-dev imageDigest=sha256:" + "a".repeat(64));
    }

    @Test
    void critical_finding_stops_the_deployment_before_the_workload_stack() {
        shell.onImages = () -> writeDigests();
        shell.answers = command -> ScriptedShell.printed(ScriptedShell.recorded(
                command.contains("batch-get-image") ? "batch-get-image-collector-tag.json" : "scan/critical.json"));

        assertThatThrownBy(() -> deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0").run())
                .hasMessageContaining("the workload stack was not deployed")
                .hasMessageContaining("CVE-2026-32001 CRITICAL in zlib 1:1.2.13.dfsg-1");
        assertThat(shell.commands.getLast()).contains("describe-image-scan-findings");
    }

    @Test
    void dry_run_shows_the_scan_commands_with_placeholders_for_the_digests() {
        deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0", "--account", "123456789012",
                "--dry-run").run();

        assertThat(output()).contains("4/5 scan gate: a finding at CRITICAL or above stops the deployment")
                .contains("aws ecr describe-image-scan-findings --region us-east-1 --repository-name "
                        + "ecr-risk-calculation-dev --image-id 'imageDigest=<digest from ");
    }

    @Test
    void deployment_prints_the_resolved_collector_digest() {
        shell.onImages = () -> writeDigests();

        deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0").run();

        assertThat(output()).contains("123456789012.dkr.ecr.us-east-1.amazonaws.com/ecr-public-dev/"
                + "aws-observability/aws-otel-collector@sha256:" + "c0".repeat(32));
    }

    @Test
    void collector_that_cannot_be_resolved_stops_the_deployment_before_the_images() {
        shell.answers = command -> ScriptedShell.printed(ScriptedShell.recorded("batch-get-image-not-found-tag.json"));

        assertThatThrownBy(() -> deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0").run())
                .hasMessageContaining("collector image " + ProjectTree.COLLECTOR_IMAGE);
        assertThat(shell.commands).hasSize(3);
    }

    @Test
    void failed_registry_step_stops_the_deployment() {
        shell.exitCode = 254;

        assertThatThrownBy(() -> deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0").run())
                .hasMessageContaining("registry stack nightshift-registry-dev failed: aws exited with 254");
        assertThat(shell.commands).hasSize(2);
    }

    @Test
    void credentials_of_another_account_than_the_one_given_stop_the_deployment() {
        assertThatThrownBy(() -> deployer("--env", "dev", "--root", root.toString(), "--version", "0.1.0",
                "--account", "999999999999").run())
                .hasMessageContaining("credentials are for account 123456789012")
                .hasMessageContaining("999999999999");
        assertThat(shell.commands).hasSize(1);
    }

    @Test
    void unknown_option_is_an_error_naming_it() {
        assertThatThrownBy(() -> Deployer.Options.parse("--version", "1", "--enviroment", "dev"))
                .hasMessage("unknown option --enviroment");
    }

    @Test
    void unset_maven_property_counts_as_not_given() {
        Deployer.Options options = Deployer.Options.parse("--version=1", "--account=${nightshift.account}",
                "--parameter=AppSecretArn=${nightshift.appSecretArn}", "--template-bucket=");

        assertThat(options.account()).isEmpty();
        assertThat(options.parameters()).isEmpty();
        assertThat(options.templateBucket()).isEmpty();
    }

    private Deployer deployer(String... args) {
        return new Deployer(Deployer.Options.parse(args), shell,
                new PrintStream(printed, true, StandardCharsets.UTF_8), NOW, sleeps::add);
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void writeDigests() {
        try {
            for (ServiceImage image : ServiceImage.values()) {
                Path file = image.digestFile(root);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "sha256:" + "a".repeat(64));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Records commands; the caller identity is account 123456789012, the image step can write digests,
     * and queries get recorded answers.
     */
    private static final class RecordingShell extends CommandShell {

        final List<List<String>> commands = new ArrayList<>();
        int exitCode;
        Runnable onImages = () -> { };
        Function<List<String>, Answer> answers = command -> ScriptedShell.printed(ScriptedShell.recorded(
                command.contains("batch-get-image") ? "batch-get-image-collector-tag.json" : "scan/clean.json"));

        @Override
        public Answer ask(List<String> command, Path directory) {
            commands.add(command);
            return answers.apply(command);
        }

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment) {
            commands.add(command);
            if (command.contains("jib:build")) {
                assertThat(Path.of(environment.get("DOCKER_CONFIG")).resolve("config.json")).exists();
                onImages.run();
            }
            return exitCode;
        }

        @Override
        public String capture(List<String> command, Path directory) {
            commands.add(command);
            return command.contains("sts") ? "123456789012" : "token";
        }
    }
}
