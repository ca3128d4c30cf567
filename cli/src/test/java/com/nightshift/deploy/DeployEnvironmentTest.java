package com.nightshift.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployEnvironmentTest {

    @TempDir
    Path root;

    @Test
    void load_reads_suffix_region_and_import_modes() throws IOException {
        ProjectTree.config(root, "prod", "prd", "import", "create");

        DeployEnvironment environment = DeployEnvironment.load(root.resolve("infra/config"), "prod");

        assertThat(environment).isEqualTo(new DeployEnvironment("prod", "prd", "us-east-1", Optional.empty(), false, true, false));
        assertThat(environment.workloadStackName()).isEqualTo("nightshift-workload-prd");
    }

    @Test
    void load_reads_the_account_when_the_file_names_one() throws IOException {
        Path directory = Files.createDirectories(root.resolve("infra/config"));
        Files.writeString(directory.resolve("dev.json"), """
                {"environmentSuffix":"dev","account":"123456789012","region":"us-east-2",
                 "network":{"mode":"create"},"secret":{"mode":"create"}}
                """);

        assertThat(DeployEnvironment.load(directory, "dev").account()).contains("123456789012");
    }

    @Test
    void load_reads_the_bucket_import_mode() throws IOException {
        Path directory = Files.createDirectories(root.resolve("infra/config"));
        Files.writeString(directory.resolve("prod.json"), """
                {"environmentSuffix":"prod","region":"us-east-1","network":{"mode":"create"},
                 "secret":{"mode":"create"},"buckets":{"mode":"import"}}
                """);

        assertThat(DeployEnvironment.load(directory, "prod").importsBuckets()).isTrue();
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
