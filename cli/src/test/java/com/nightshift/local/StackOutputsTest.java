package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackOutputsTest {

    private static final StackOutputs OUTPUTS = new StackOutputs("nightshift-workload-local", Map.ofEntries(
            Map.entry("DataBucketName", "s3-data"), Map.entry("StagingBucketName", "s3-staging"),
            Map.entry("OutputBucketName", "s3-output"), Map.entry("IngestQueueUrl", "q-ingest"),
            Map.entry("ReconQueueUrl", "q-recon"), Map.entry("RiskQueueUrl", "q-risk"),
            Map.entry("ReportQueueUrl", "q-report"), Map.entry("IngestDeadLetterQueueUrl", "dlq-ingest"),
            Map.entry("ReconDeadLetterQueueUrl", "dlq-recon"), Map.entry("RiskDeadLetterQueueUrl", "dlq-risk"),
            Map.entry("ReportDeadLetterQueueUrl", ""), Map.entry("Other", "x")));

    @Test
    void eachNamedOutput_isReadFromItsKey() {
        assertThat(OUTPUTS.dataBucket()).isEqualTo("s3-data");
        assertThat(OUTPUTS.stagingBucket()).isEqualTo("s3-staging");
        assertThat(OUTPUTS.outputBucket()).isEqualTo("s3-output");
        assertThat(OUTPUTS.ingestQueueUrl()).isEqualTo("q-ingest");
        assertThat(OUTPUTS.reconQueueUrl()).isEqualTo("q-recon");
        assertThat(OUTPUTS.riskQueueUrl()).isEqualTo("q-risk");
        assertThat(OUTPUTS.reportQueueUrl()).isEqualTo("q-report");
    }

    @Test
    void aMissingOrBlankOutput_failsNamingTheStackAndTheOutput() {
        assertThatThrownBy(() -> OUTPUTS.value("Nope")).hasMessageContaining("nightshift-workload-local")
                .hasMessageContaining("no output Nope");
        assertThatThrownBy(OUTPUTS::deadLetterQueueUrls).hasMessageContaining("ReportDeadLetterQueueUrl");
    }

    @Test
    void aServiceLogsTail_isItsLastLines_orSaysThereIsNoLog(@TempDir Path dir) throws IOException {
        Path log = Files.writeString(dir.resolve("svc.log"), "one\ntwo\nthree\n");
        assertThat(ServiceProcess.tail(log, 2)).isEqualTo("two\nthree");
        assertThat(ServiceProcess.tail(log, 10)).isEqualTo("one\ntwo\nthree");
        assertThat(ServiceProcess.tail(dir.resolve("none.log"), 2)).startsWith("(no log at ");
    }
}
