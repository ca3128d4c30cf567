package com.nightshift.infra;

import com.nightshift.infra.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NightshiftAppTest {

    @Test
    void bad_config_value_fails_synthesis_naming_file_and_field(@TempDir Path dir) throws IOException {
        String local = Files.readString(TestConfigs.CONFIG_DIR.resolve("local.json"));
        Files.writeString(dir.resolve("broken.json"), local.replace("\"region\": \"us-east-1\"", "\"region\": \"mars-1\""));

        assertThatThrownBy(() -> NightshiftApp.run(dir, "", dir.resolve("cdk.out")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("broken.json")
                .hasMessageContaining("field 'region'")
                .hasMessageContaining("mars-1");
        assertThat(dir.resolve("cdk.out")).doesNotExist();
    }

    @Test
    void unknown_environment_fails_synthesis_naming_the_missing_file(@TempDir Path dir) {
        assertThatThrownBy(() -> NightshiftApp.run(TestConfigs.CONFIG_DIR, "prod", dir))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("prod.json");
    }

    @Test
    void shipped_configurations_synthesize_without_unsuppressed_nag_findings(@TempDir Path dir) {
        // run() throws ComplianceException listing every unsuppressed AwsSolutions finding.
        var assembly = NightshiftApp.run(TestConfigs.CONFIG_DIR, "", dir);

        assertThat(assembly.getStacks()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(dir.resolve("AwsSolutions-nightshift-workload-dev-NagReport.csv")).isRegularFile();
    }

    @Test
    void selected_environment_writes_one_template_per_stack(@TempDir Path dir) {
        NightshiftApp.run(TestConfigs.CONFIG_DIR, "local", dir);

        assertThat(dir.resolve("nightshift-workload-local.template.json")).isRegularFile();
        assertThat(dir.resolve("nightshift-registry-local.template.json")).isRegularFile();
        assertThat(dir.resolve("nightshift-workload-dev.template.json")).doesNotExist();
    }
}
