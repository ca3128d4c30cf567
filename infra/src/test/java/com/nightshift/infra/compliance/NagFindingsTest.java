package com.nightshift.infra.compliance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.BootstraplessSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.sqs.Queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NagFindingsTest {

    @Test
    void test_unsuppressed_reportsFindingOfNoncompliantResource(@TempDir Path dir) {
        App app = new App(AppProps.builder().outdir(dir.toString()).build());
        NagFindings.check(app);
        Stack stack = new Stack(app, "plain", StackProps.builder().synthesizer(new BootstraplessSynthesizer()).build());
        new Queue(stack, "Plain");

        assertThat(NagFindings.unsuppressed(app.synth()))
                .anySatisfy(f -> assertThat(f).contains("/plain/Plain/Resource").contains("AwsSolutions-SQS3"));
    }

    @Test
    void test_unsuppressed_ignoresSuppressedFinding(@TempDir Path dir) {
        App app = new App(AppProps.builder().outdir(dir.toString()).build());
        NagFindings.check(app);
        Stack stack = new Stack(app, "plain", StackProps.builder().synthesizer(new BootstraplessSynthesizer()).build());
        Queue queue = new Queue(stack, "Plain");
        Suppressions.suppress(queue, "AwsSolutions-SQS3", "test: this queue is itself a dead-letter queue");

        assertThat(NagFindings.unsuppressed(app.synth())).noneSatisfy(f -> assertThat(f).contains("AwsSolutions-SQS3"));
    }

    @Test
    void test_suppress_withoutReason_isRefused() {
        App app = new App();
        Queue queue = new Queue(new Stack(app, "plain"), "Plain");

        assertThatThrownBy(() -> Suppressions.suppress(queue, "AwsSolutions-SQS3", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AwsSolutions-SQS3");
    }

    @Test
    void test_templateValidation_noReport_noViolations(@TempDir Path dir) {
        assertThat(NagFindings.templateValidation(dir)).isEmpty();
    }

    @Test
    void test_templateValidation_listsEachViolationWithRuleAndConstruct(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("validation-report.json"), """
                {"version":"54.0.0","title":"Validation Report","pluginReports":[{"pluginName":"CloudFormation Validate",
                 "conclusion":"success","violations":[{"ruleName":"W9007",
                 "description":"Subnets: Array property 'Subnets' contains duplicate values","severity":"warning",
                 "violatingConstructs":[{"constructPath":"nightshift-workload-x/Reports/LoadBalancer/Resource"}]}]}]}
                """);

        assertThat(NagFindings.templateValidation(dir)).containsExactly(
                "W9007 nightshift-workload-x/Reports/LoadBalancer/Resource: Subnets: Array property 'Subnets' contains duplicate values");
    }

    @Test
    void test_templateValidation_unreadableReport_failsNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("validation-report.json"), "{ not json");

        assertThatThrownBy(() -> NagFindings.templateValidation(dir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("validation-report.json");
    }
}
