package com.nightshift.infra;

import com.nightshift.infra.compliance.ComplianceException;
import com.nightshift.infra.compliance.NagFindings;
import com.nightshift.infra.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.sqs.Queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
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

    @Test
    void exit_code_is_0_when_synthesis_succeeds(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var assembly = NightshiftApp.synthesize(List.of(TestConfigs.shipped("local")), dir);

        int code = NightshiftApp.exitCode(() -> assembly, dir, new PrintStream(out, true, UTF_8), System.err);

        assertThat(code).isZero();
        assertThat(out.toString(UTF_8)).contains("Synthesized 2 stacks to " + dir);
    }

    @Test
    void exit_code_is_2_for_a_bad_configuration_with_its_message() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = NightshiftApp.exitCode(() -> {
            throw new InvalidConfigException("config/x.json: field 'region': 'mars-1' is not one of [us-east-1]");
        }, Path.of("out"), System.out, new PrintStream(err, true, UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("Invalid configuration: config/x.json: field 'region'");
    }

    @Test
    void exit_code_is_3_for_compliance_findings_listing_each() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = NightshiftApp.exitCode(() -> {
            throw new ComplianceException(List.of("/s/Queue: AwsSolutions-SQS3", "/s/Topic: AwsSolutions-SNS3"));
        }, Path.of("out"), System.out, new PrintStream(err, true, UTF_8));

        assertThat(code).isEqualTo(3);
        assertThat(err.toString(UTF_8)).contains("2 unsuppressed finding(s)").contains("AwsSolutions-SQS3").contains("AwsSolutions-SNS3");
    }

    @Test
    void synthesis_fails_on_an_unsuppressed_nag_finding(@TempDir Path dir) {
        App app = NightshiftApp.newApp(AppProps.builder().outdir(dir.toString()));
        NagFindings.check(app);
        new Queue(new Stack(app, "plain", StackProps.builder().synthesizer(new BootstraplessSynthesizer()).build()), "Plain");

        assertThatThrownBy(() -> NightshiftApp.synthesizeChecked(app))
                .isInstanceOf(ComplianceException.class)
                .satisfies(e -> assertThat(((ComplianceException) e).findings())
                        .anySatisfy(f -> assertThat(f).contains("AwsSolutions-SQS3")));
    }

    @Test
    void main_exits_2_naming_an_unknown_environment(@TempDir Path dir) throws Exception {
        // The build's synthesis step runs main in a JVM of its own, as here; a code-coverage agent of
        // this JVM is passed on, so the child's coverage is counted too.
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String inherited = String.valueOf(System.getenv("JAVA_TOOL_OPTIONS"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:") && !inherited.contains(argument))
                .forEach(command::add);
        command.addAll(List.of("-Dnightshift.env=prod", "-Dnightshift.config.dir=" + TestConfigs.CONFIG_DIR.toAbsolutePath(),
                "-Dnightshift.cdk.out=" + dir, "-cp", System.getProperty("java.class.path"), NightshiftApp.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("main finished within 120 s").isTrue();
            String output = new String(process.getInputStream().readAllBytes(), UTF_8);

            assertThat(process.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("Invalid configuration").contains("prod.json");
        } finally {
            process.destroyForcibly();
        }
    }
}
