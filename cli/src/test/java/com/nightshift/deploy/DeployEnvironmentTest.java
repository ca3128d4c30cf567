package com.nightshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployEnvironmentTest {

    private static final String COLLECTOR = "\"collectorImage\":\"" + ProjectTree.COLLECTOR_IMAGE + "\"";

    @TempDir
    Path root;

    @Test
    void load_reads_suffix_region_and_import_modes() throws IOException {
        ProjectTree.config(root, "prod", "prd", "import", "create");

        DeployEnvironment environment = DeployEnvironment.load(root.resolve("infra/config"), "prod");

        assertThat(environment).isEqualTo(new DeployEnvironment("prod", "prd", "us-east-1", Optional.empty(), false,
                true, false, false, CollectorImage.parse(ProjectTree.COLLECTOR_IMAGE), ScanSeverity.CRITICAL));
        assertThat(environment.workloadStackName()).isEqualTo("nightshift-workload-prd");
    }

    @Test
    void load_reads_the_account_when_the_file_names_one() throws IOException {
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","account":"123456789012","region":"us-east-2",
                 "network":{"mode":"create"},"secret":{"mode":"create"},%s}
                """.formatted(COLLECTOR));

        assertThat(DeployEnvironment.load(directory, "dev").account()).contains("123456789012");
    }

    @Test
    void load_reads_the_bucket_import_mode() throws IOException {
        Path directory = ProjectTree.config(root, "prod", """
                {"environmentSuffix":"prod","region":"us-east-1","network":{"mode":"create"},
                 "secret":{"mode":"create"},"buckets":{"mode":"import"},%s}
                """.formatted(COLLECTOR));

        assertThat(DeployEnvironment.load(directory, "prod").importsBuckets()).isTrue();
    }

    @Test
    void load_reads_the_security_group_import_mode() throws IOException {
        Path directory = ProjectTree.config(root, "prod", """
                {"environmentSuffix":"prod","region":"us-east-1","network":{"mode":"import","securityGroups":"import"},
                 "secret":{"mode":"create"},%s}
                """.formatted(COLLECTOR));

        assertThat(DeployEnvironment.load(directory, "prod").importsSecurityGroups()).isTrue();
    }

    @Test
    void unknown_security_group_mode_is_an_error_naming_file_and_field() throws IOException {
        Path directory = ProjectTree.config(root, "prod", """
                {"environmentSuffix":"prod","region":"us-east-1","network":{"mode":"import","securityGroups":"existing"},
                 "secret":{"mode":"create"},%s}
                """.formatted(COLLECTOR));

        assertThatThrownBy(() -> DeployEnvironment.load(directory, "prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prod.json: field 'network.securityGroups' is \"existing\"");
    }

    @Test
    void scan_threshold_is_critical_when_the_file_does_not_set_one() throws IOException {
        ProjectTree.config(root, "dev", "dev", "create", "create");

        assertThat(DeployEnvironment.load(root.resolve("infra/config"), "dev").scanThreshold())
                .isEqualTo(ScanSeverity.CRITICAL);
    }

    @Test
    void load_reads_the_scan_threshold() throws IOException {
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1","imageScan":{"failOnSeverity":"HIGH"},%s}
                """.formatted(COLLECTOR));

        assertThat(DeployEnvironment.load(directory, "dev").scanThreshold()).isEqualTo(ScanSeverity.HIGH);
    }

    @Test
    void unknown_scan_threshold_is_an_error_naming_file_field_and_the_allowed_values() throws IOException {
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1","imageScan":{"failOnSeverity":"SEVERE"},%s}
                """.formatted(COLLECTOR));

        assertThatThrownBy(() -> DeployEnvironment.load(directory, "dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.json: field 'imageScan.failOnSeverity' is \"SEVERE\"")
                .hasMessageContaining("[INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL]");
    }

    @Test
    void undefined_is_not_a_scan_threshold() throws IOException {
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1","imageScan":{"failOnSeverity":"UNDEFINED"},%s}
                """.formatted(COLLECTOR));

        assertThatThrownBy(() -> DeployEnvironment.load(directory, "dev"))
                .hasMessageContaining("field 'imageScan.failOnSeverity'");
    }

    @Test
    void load_reads_a_collector_image_pinned_by_tag() throws IOException {
        ProjectTree.config(root, "dev", "dev", "create", "create");

        CollectorImage image = DeployEnvironment.load(root.resolve("infra/config"), "dev").collectorImage();

        assertThat(image.path()).isEqualTo("aws-observability/aws-otel-collector");
        assertThat(image.tag()).contains("v0.43.1");
        assertThat(image.cacheRepository("dev")).isEqualTo("ecr-public-dev/aws-observability/aws-otel-collector");
    }

    @Test
    void load_reads_a_collector_image_pinned_by_digest() throws IOException {
        String digest = "sha256:" + "ab".repeat(32);
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1",
                 "collectorImage":"public.ecr.aws/aws-observability/aws-otel-collector@%s"}
                """.formatted(digest));

        CollectorImage image = DeployEnvironment.load(directory, "dev").collectorImage();

        assertThat(image.digest()).contains(digest);
        assertThat(image.imageId()).isEqualTo("imageDigest=" + digest);
    }

    @Test
    void collector_image_off_ecr_public_is_an_error_naming_file_and_field() throws IOException {
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1","collectorImage":"otel/opentelemetry-collector:0.1.0"}
                """);

        assertThatThrownBy(() -> DeployEnvironment.load(directory, "dev"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dev.json: field 'collectorImage': 'otel/opentelemetry-collector:0.1.0'");
    }

    @Test
    void missing_collector_image_is_an_error_naming_the_field() throws IOException {
        Path directory = ProjectTree.config(root, "dev", """
                {"environmentSuffix":"dev","region":"us-east-1"}
                """);

        assertThatThrownBy(() -> DeployEnvironment.load(directory, "dev"))
                .hasMessageContaining("field 'collectorImage' is missing");
    }

    @Test
    void unknown_environment_is_an_error_listing_the_known_ones() throws IOException {
        ProjectTree.config(root, "dev", "dev", "create", "create");
        ProjectTree.config(root, "local", "local", "create", "import");

        assertThatThrownBy(() -> DeployEnvironment.load(root.resolve("infra/config"), "staging"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown environment 'staging'")
                .hasMessageContaining("[dev, local]");
    }

    @Test
    void missing_environment_name_is_an_error_saying_how_to_give_one() throws IOException {
        ProjectTree.config(root, "dev", "dev", "create", "create");

        assertThatThrownBy(() -> DeployEnvironment.load(root.resolve("infra/config"), ""))
                .hasMessageContaining("-Dnightshift.env=<env>");
    }

    @Test
    void the_repository_configurations_load() {
        Path config = Path.of(System.getProperty("user.dir")).resolveSibling("infra").resolve("config");

        assertThat(DeployEnvironment.load(config, "dev").suffix()).isEqualTo("dev");
        assertThat(DeployEnvironment.load(config, "local").suffix()).isEqualTo("local");
    }
}
