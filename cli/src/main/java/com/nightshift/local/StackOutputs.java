package com.nightshift.local;

import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/**
 * What the workload stack tells its users through its CloudFormation outputs: the buckets, the
 * queues and their dead-letter queues, and the reports endpoint. Read the same way from the local
 * emulator and from a deployed stack.
 */
public record StackOutputs(String stackName, Map<String, String> values) {

    public static StackOutputs describe(CloudFormationClient cloudFormation, String stackName) {
        Stack stack = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().getFirst();
        return new StackOutputs(stackName, stack.outputs().stream()
                .collect(Collectors.toUnmodifiableMap(Output::outputKey, Output::outputValue)));
    }

    public String value(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("stack " + stackName + " has no output " + key + " (outputs: "
                    + values.keySet() + ")");
        }
        return value;
    }

    public String dataBucket() {
        return value("DataBucketName");
    }

    public String stagingBucket() {
        return value("StagingBucketName");
    }

    public String outputBucket() {
        return value("OutputBucketName");
    }

    public String ingestQueueUrl() {
        return value("IngestQueueUrl");
    }

    public String reconQueueUrl() {
        return value("ReconQueueUrl");
    }

    public String riskQueueUrl() {
        return value("RiskQueueUrl");
    }

    public String reportQueueUrl() {
        return value("ReportQueueUrl");
    }

    /** Queue name (ingest, recon, risk, report) to dead-letter queue URL. */
    public Map<String, String> deadLetterQueueUrls() {
        return Map.of("ingest", value("IngestDeadLetterQueueUrl"), "recon", value("ReconDeadLetterQueueUrl"),
                "risk", value("RiskDeadLetterQueueUrl"), "report", value("ReportDeadLetterQueueUrl"));
    }

    public URI reportsEndpoint() {
        return URI.create(value("ReportsEndpoint"));
    }
}
