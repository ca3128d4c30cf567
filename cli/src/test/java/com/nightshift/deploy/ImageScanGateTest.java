package com.nightshift.deploy;

import static com.nightshift.deploy.ScriptedShell.awsError;
import static com.nightshift.deploy.ScriptedShell.option;
import static com.nightshift.deploy.ScriptedShell.printed;
import static com.nightshift.deploy.ScriptedShell.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan gate against recorded DescribeImageScanFindings answers (src/test/resources/ecr/scan), with
 * a sleeper that records instead of waiting.
 */
class ImageScanGateTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 5;

    @TempDir
    Path root;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Map<ServiceImage, String> digests = new EnumMap<>(ServiceImage.class);

    @BeforeEach
    void layOutProject() throws IOException {
        ProjectTree.templates(root, "dev", 1_000);
        for (ServiceImage image : ServiceImage.values()) {
            digests.put(image, "sha256:" + String.valueOf((char) ('a' + image.ordinal())).repeat(64));
        }
    }

    @Test
    void clean_images_pass() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("scan/clean.json")));

        gate(shell).check(plan("CRITICAL"), digests);

        assertThat(output()).contains("ingestion-service (ecr-ingestion-service-dev@" + digests.get(ServiceImage.INGESTION)
                + "): scan COMPLETE, no findings; nothing at CRITICAL or above");
    }

    @Test
    void scan_command_asks_for_one_page_of_the_pushed_digest() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("scan/clean.json")));

        gate(shell).check(plan("CRITICAL"), digests);

        assertThat(shell.commands.getFirst()).containsExactly("aws", "ecr", "describe-image-scan-findings",
                "--region", "us-east-1",
                "--repository-name", "ecr-ingestion-service-dev",
                "--image-id", "imageDigest=" + digests.get(ServiceImage.INGESTION),
                "--max-results", "1000",
                "--output", "json");
    }

    @Test
    void low_and_medium_findings_pass_at_critical() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("scan/low-medium.json")));

        gate(shell).check(plan("CRITICAL"), digests);

        assertThat(output()).contains("scan COMPLETE, 4 findings (MEDIUM 1, LOW 2, INFORMATIONAL 1); nothing at CRITICAL or above");
    }

    @Test
    void low_and_medium_findings_fail_at_medium() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("scan/low-medium.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("MEDIUM"), digests))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MEDIUM and above refuse (imageScan.failOnSeverity in infra/config/dev.json)")
                .hasMessageContaining("CVE-2026-31001 MEDIUM in openssl 3.0.15-1~deb12u1 "
                        + "(https://security-tracker.debian.org/tracker/CVE-2026-31001)")
                .hasMessageNotContaining("CVE-2026-31002");
    }

    @Test
    void critical_finding_refuses_naming_the_image_the_cve_and_the_package() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-risk-calculation-dev") ? "scan/critical.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("the workload stack was not deployed")
                .hasMessageContaining("risk-calculation (ecr-risk-calculation-dev@" + digests.get(ServiceImage.RISK) + "):\n"
                        + "    CVE-2026-32001 CRITICAL in zlib 1:1.2.13.dfsg-1 "
                        + "(https://security-tracker.debian.org/tracker/CVE-2026-32001)")
                .hasMessageNotContaining("CVE-2026-32002")
                .hasMessageNotContaining("ingestion-service (");
    }

    @Test
    void refusal_lists_findings_most_severe_first() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("scan/critical.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("HIGH"), digests))
                .hasMessageContaining("    CVE-2026-32001 CRITICAL in zlib 1:1.2.13.dfsg-1 "
                        + "(https://security-tracker.debian.org/tracker/CVE-2026-32001)\n"
                        + "    CVE-2026-32002 HIGH in glibc 2.36-9+deb12u10");
    }

    @Test
    void refusal_names_every_image_that_does_not_pass() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded("scan/critical.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("ingestion-service (")
                .hasMessageContaining("processing-service (")
                .hasMessageContaining("risk-calculation (")
                .hasMessageContaining("reporting-service (");
    }

    @Test
    void enhanced_critical_finding_refuses_naming_the_vulnerability_and_the_package() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-reporting-service-dev") ? "scan/enhanced.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("reporting-service (ecr-reporting-service-dev@")
                .hasMessageContaining("CVE-2026-34001 CRITICAL in com.fasterxml.jackson.core:jackson-databind 2.17.0 "
                        + "(https://nvd.nist.gov/vuln/detail/CVE-2026-34001)")
                .hasMessageNotContaining("CVE-2026-34002");
    }

    @Test
    void enhanced_medium_finding_refuses_at_medium_naming_its_package() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-reporting-service-dev") ? "scan/enhanced.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("MEDIUM"), digests))
                .hasMessageContaining("CVE-2026-34002 MEDIUM in libfreetype6 2.12.1+dfsg-5+deb12u3 "
                        + "(https://security-tracker.debian.org/tracker/CVE-2026-34002)");
    }

    @Test
    void undefined_findings_are_listed_but_do_not_refuse() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-reporting-service-dev") ? "scan/undefined.json"
                        : "scan/clean.json")));

        gate(shell).check(plan("MEDIUM"), digests);

        assertThat(output()).contains("not rated by the scanner, listed, not counted: CVE-2026-33001 UNDEFINED in "
                + "libxml2 2.12.7+dfsg+really2.9.14-0.1+deb12u1");
    }

    @Test
    void untriaged_enhanced_finding_is_listed_but_does_not_refuse() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-reporting-service-dev") ? "scan/enhanced.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageNotContaining("CVE-2026-34003");
        assertThat(output()).contains("not rated by the scanner, listed, not counted: CVE-2026-34003 UNTRIAGED in "
                + "zlib1g 1:1.2.13.dfsg-1");
    }

    @Test
    void failed_scan_refuses_with_its_description() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-processing-service-dev") ? "scan/failed.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("processing-service (ecr-processing-service-dev@" + digests.get(ServiceImage.PROCESSING)
                        + "): scan FAILED: An internal service error occurred while scanning the image. Try again later.");
    }

    @Test
    void unsupported_image_refuses_with_its_description() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-processing-service-dev") ? "scan/unsupported.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("scan UNSUPPORTED_IMAGE: UnsupportedImageError: The operating system and/or "
                        + "package manager are not supported.");
    }

    @Test
    void scan_in_progress_is_looked_at_again_after_the_interval() throws IOException {
        Iterator<String> answers = List.of("scan/in-progress.json", "scan/in-progress.json", "scan/clean.json").iterator();
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-ingestion-service-dev") ? answers.next()
                        : "scan/clean.json")));

        gate(shell).check(plan("CRITICAL"), digests);

        assertThat(sleeps).containsExactly(INTERVAL, INTERVAL);
        assertThat(output()).contains("ingestion-service: scan IN_PROGRESS; looking again every 10 s, at most 5 looks");
    }

    @Test
    void scan_that_does_not_exist_yet_is_waited_for() throws IOException {
        Iterator<CommandShell.Answer> answers = List.of(
                awsError("ScanNotFoundException", "DescribeImageScanFindings", "Image scan does not exist for the image"),
                printed(recorded("scan/clean.json"))).iterator();
        ScriptedShell shell = new ScriptedShell(command -> option(command, "--repository-name")
                .equals("ecr-ingestion-service-dev") ? answers.next() : printed(recorded("scan/clean.json")));

        gate(shell).check(plan("CRITICAL"), digests);

        assertThat(sleeps).containsExactly(INTERVAL);
    }

    @Test
    void scan_that_never_completes_refuses_after_the_bound() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                option(command, "--repository-name").equals("ecr-ingestion-service-dev") ? "scan/in-progress.json"
                        : "scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("ingestion-service (ecr-ingestion-service-dev@" + digests.get(ServiceImage.INGESTION)
                        + "): scan not complete after 5 looks 10 s apart (last: scan IN_PROGRESS)");
        assertThat(sleeps).hasSize(ATTEMPTS - 1);
    }

    @Test
    void paginated_findings_are_all_read() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed(recorded(
                !option(command, "--repository-name").equals("ecr-risk-calculation-dev") ? "scan/clean.json"
                        : command.contains("--next-token") ? "scan/paged-2.json" : "scan/paged-1.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("CVE-2026-32001 CRITICAL in zlib");
        assertThat(shell.commands).filteredOn(c -> c.contains("--next-token"))
                .extracting(c -> option(c, "--next-token"))
                .containsExactly("eyJFeGNsdXNpdmVTdGFydEtleSI6IHsiZmluZGluZyI6IDF9fQ==");
    }

    @Test
    void severity_counts_above_the_listed_findings_refuse() throws IOException {
        // the first page counts one CRITICAL finding and lists none; no further page is offered
        String truncated = recorded("scan/paged-1.json").replaceAll("\"nextToken\": \"[^\"]*\"", "\"nextToken\": null");
        ScriptedShell shell = new ScriptedShell(command -> printed(
                option(command, "--repository-name").equals("ecr-risk-calculation-dev") ? truncated
                        : recorded("scan/clean.json")));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("risk-calculation (")
                .hasMessageContaining("CRITICAL: ECR counts 1 (findingSeverityCounts), its findings list 0");
    }

    @Test
    void answer_that_is_not_json_is_an_error_naming_the_image() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> printed("IMAGESCANSTATUS\tCOMPLETE"));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageStartingWith("ingestion-service (ecr-ingestion-service-dev@")
                .hasMessageContaining("not a DescribeImageScanFindings answer");
    }

    @Test
    void refused_call_is_a_refusal_with_the_aws_error() throws IOException {
        ScriptedShell shell = new ScriptedShell(command -> awsError("AccessDeniedException", "DescribeImageScanFindings",
                "User is not authorized to perform: ecr:DescribeImageScanFindings"));

        assertThatThrownBy(() -> gate(shell).check(plan("CRITICAL"), digests))
                .hasMessageContaining("aws ecr describe-image-scan-findings failed: An error occurred "
                        + "(AccessDeniedException)");
        assertThat(sleeps).isEmpty();
    }

    private ImageScanGate gate(ScriptedShell shell) {
        return new ImageScanGate(shell, root, new PrintStream(printed, true, StandardCharsets.UTF_8), sleeps::add,
                INTERVAL, ATTEMPTS);
    }

    private DeployPlan plan(String threshold) throws IOException {
        ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1","imageScan":{"failOnSeverity":"%s"},"collectorImage":"%s"}
                """.formatted(threshold, ProjectTree.COLLECTOR_IMAGE));
        return new DeployPlan(root, DeployEnvironment.load(root.resolve("infra/config"), "dev"), ScriptedShell.ACCOUNT,
                "0.1.0", Optional.empty(), Map.of(), Optional.empty());
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
