package com.nightshift.deploy;

import static com.nightshift.deploy.ScriptedShell.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.nightshift.deploy.ScanFindings.Finding;

/** Recorded DescribeImageScanFindings answers read into one shape. */
class ScanFindingsTest {

    @Test
    void basic_finding_reads_name_severity_package_version_and_uri() {
        ScanFindings scan = ScanFindings.read(recorded("scan/critical.json"), "risk-calculation");

        assertThat(scan.findings().getFirst()).isEqualTo(new Finding("CVE-2026-32001", "CRITICAL",
                List.of("zlib 1:1.2.13.dfsg-1"), Optional.of("https://security-tracker.debian.org/tracker/CVE-2026-32001")));
    }

    @Test
    void basic_answer_reads_status_and_severity_counts() {
        ScanFindings scan = ScanFindings.read(recorded("scan/critical.json"), "risk-calculation");

        assertThat(scan.status()).isEqualTo("COMPLETE");
        assertThat(scan.complete()).isTrue();
        assertThat(scan.severityCounts()).isEqualTo(Map.of("CRITICAL", 1, "HIGH", 1, "LOW", 1));
        assertThat(scan.nextToken()).isEmpty();
    }

    @Test
    void enhanced_finding_reads_vulnerability_id_packages_and_source_url() {
        ScanFindings scan = ScanFindings.read(recorded("scan/enhanced.json"), "reporting-service");

        assertThat(scan.findings()).containsExactly(
                new Finding("CVE-2026-34001", "CRITICAL", List.of("com.fasterxml.jackson.core:jackson-databind 2.17.0"),
                        Optional.of("https://nvd.nist.gov/vuln/detail/CVE-2026-34001")),
                new Finding("CVE-2026-34002", "MEDIUM", List.of("libfreetype6 2.12.1+dfsg-5+deb12u3"),
                        Optional.of("https://security-tracker.debian.org/tracker/CVE-2026-34002")),
                new Finding("CVE-2026-34003", "UNTRIAGED", List.of("zlib1g 1:1.2.13.dfsg-1"),
                        Optional.of("https://security-tracker.debian.org/tracker/CVE-2026-34003")));
        assertThat(scan.complete()).as("ACTIVE: continuously scanned, findings available").isTrue();
    }

    @Test
    void unrated_severities_are_not_rated() {
        ScanFindings scan = ScanFindings.read(recorded("scan/undefined.json"), "reporting-service");

        assertThat(scan.findings()).extracting(Finding::rated)
                .containsExactly(Optional.empty(), Optional.of(ScanSeverity.LOW));
    }

    @Test
    void scan_without_findings_reads_the_status_and_its_description() {
        ScanFindings scan = ScanFindings.read(recorded("scan/unsupported.json"), "processing-service");

        assertThat(scan.status()).isEqualTo("UNSUPPORTED_IMAGE");
        assertThat(scan.statusDescription()).startsWith("UnsupportedImageError");
        assertThat(scan.findings()).isEmpty();
        assertThat(scan.complete()).isFalse();
        assertThat(scan.inProgress()).isFalse();
    }

    @Test
    void first_page_carries_the_token_of_the_next() {
        assertThat(ScanFindings.read(recorded("scan/paged-1.json"), "risk-calculation").nextToken())
                .contains("eyJFeGNsdXNpdmVTdGFydEtleSI6IHsiZmluZGluZyI6IDF9fQ==");
    }

    @Test
    void pages_join_in_order_and_keep_the_first_pages_counts() {
        ScanFindings first = ScanFindings.read(recorded("scan/paged-1.json"), "risk-calculation");
        ScanFindings second = ScanFindings.read(recorded("scan/paged-2.json"), "risk-calculation");

        ScanFindings all = first.followedBy(second);

        assertThat(all.findings()).extracting(Finding::id)
                .containsExactly("CVE-2026-32003", "CVE-2026-32001", "CVE-2026-32002");
        assertThat(all.severityCounts()).isEqualTo(first.severityCounts());
        assertThat(all.nextToken()).isEmpty();
    }

    @Test
    void answer_that_is_not_json_is_an_error_naming_the_image() {
        assertThatThrownBy(() -> ScanFindings.read("<html>503</html>", "ingestion-service"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("ingestion-service: ")
                .hasMessageContaining("not a DescribeImageScanFindings answer");
    }

    @Test
    void answer_without_a_scan_status_is_an_error_naming_the_image() {
        assertThatThrownBy(() -> ScanFindings.read("{\"imageScanFindings\":{\"findings\":[]}}", "ingestion-service"))
                .hasMessage("ingestion-service: aws ecr describe-image-scan-findings answered without imageScanStatus.status");
    }

    @Test
    void finding_describes_itself_with_id_severity_package_and_uri() {
        assertThat(new Finding("CVE-2026-1", "HIGH", List.of("glibc 2.36"), Optional.of("https://x/1")).describe())
                .isEqualTo("CVE-2026-1 HIGH in glibc 2.36 (https://x/1)");
        assertThat(new Finding("CVE-2026-2", "LOW", List.of(), Optional.empty()).describe())
                .isEqualTo("CVE-2026-2 LOW");
    }
}
