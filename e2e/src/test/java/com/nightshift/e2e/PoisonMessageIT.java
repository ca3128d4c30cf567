package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.emulator.MotoServer;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.local.DeadLetterRedrive;
import com.nightshift.local.StackDriver;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A message no worker can handle: the report service fails it on every delivery, SQS moves it to the
 * report queue's dead-letter queue after the queue's maximum receive count, where the dead-letter alarm's
 * measure ({@code ApproximateNumberOfMessagesVisible} of that queue, as the deployed alarm reads it) counts it, and
 * {@code nightshift redrive} moves it
 * back. Takes about three minutes: the worker's retry back-off (5 s, doubling) between deliveries.
 */
@ExtendWith(StackUnderTest.class)
class PoisonMessageIT {

    @Test
    void a_poison_message_is_dead_lettered_after_the_maximum_receives_and_redrive_moves_it_back(StackDriver stack) {
        assertThat(stack.awaitQuiet(Duration.ofMinutes(4))).as("the stack has finished earlier work").isTrue();
        String queue = stack.outputs().reportQueueUrl();
        String deadLetters = stack.outputs().deadLetterQueueUrls().get("report");
        String policy = stack.sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
        int maxReceiveCount = Integer.parseInt(JsonCodec.tree(policy.getBytes(StandardCharsets.UTF_8))
                .path("maxReceiveCount").asText());
        assertThat(maxReceiveCount).isEqualTo(5);
        stack.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("{\"jobId\":\"poison-1\"}"));
        try {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
            while (count(stack, deadLetters, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0) {
                assertThat(Instant.now()).as("the poison message reaches the dead-letter queue").isBefore(deadline);
                MotoServer.sleep(Duration.ofSeconds(2));
            }
            assertThat(count(stack, deadLetters, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).isEqualTo(1);
            assertThat(inQueue(stack, queue)).as("left the work queue").isZero();
            // What the alarm reads: the emulator's CloudWatch publishes no SQS metrics, so the queue attribute
            // that AWS/SQS ApproximateNumberOfMessagesVisible reports stands in for the metric (above), and the
            // alarm as deployed is checked to read that metric of this very queue, and to go off above 0.
            JsonNode alarm = deadLetterAlarm(stack, "report");
            assertThat(alarm.path("Namespace").asText()).isEqualTo("AWS/SQS");
            assertThat(alarm.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
            assertThat(alarm.path("Threshold").asInt()).isZero();
            assertThat(watchedQueue(stack, alarm)).as("the queue the alarm watches").isEqualTo(deadLetters);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int moved = DeadLetterRedrive.run(Optional.empty(), Optional.of(deadLetters), 10, Optional.empty(),
                    Path.of("."), endpointVariables(stack), new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(moved).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("moved 1 message in total");
            assertThat(inQueue(stack, deadLetters)).isZero();
            assertThat(inQueue(stack, queue)).as("back on the work queue").isEqualTo(1);
        } finally {
            // Still poison: it would fail again and come back to the dead-letter queue, which the other tests
            // read as a failure of their own.
            stack.sqs().purgeQueue(b -> b.queueUrl(queue));
            stack.sqs().purgeQueue(b -> b.queueUrl(deadLetters));
        }
    }

    /** The properties of the dead-letter alarm of the {@code purpose} queue, from the stack's deployed template. */
    private static JsonNode deadLetterAlarm(StackDriver stack, String purpose) {
        String name = "alarm-" + purpose + "-dlq-not-empty-";
        try (CloudFormationClient cloudFormation = stack.clients().configure(CloudFormationClient.builder()).build()) {
            JsonNode template = JsonCodec.tree(cloudFormation.getTemplate(b -> b.stackName(stack.outputs().stackName()))
                    .templateBody().getBytes(StandardCharsets.UTF_8));
            for (JsonNode resource : template.path("Resources")) {
                if (resource.path("Type").asText().equals("AWS::CloudWatch::Alarm")
                        && resource.path("Properties").path("AlarmName").asText().startsWith(name)) {
                    return resource.path("Properties");
                }
            }
            throw new AssertionError("no alarm " + name + "* in stack " + stack.outputs().stackName());
        }
    }

    /** The URL of the queue named by the alarm's QueueName dimension (a GetAtt of a queue of the stack). */
    private static String watchedQueue(StackDriver stack, JsonNode alarm) {
        JsonNode dimension = alarm.path("Dimensions").get(0);
        assertThat(dimension.path("Name").asText()).isEqualTo("QueueName");
        String logicalId = dimension.path("Value").path("Fn::GetAtt").path(0).asText();
        try (CloudFormationClient cloudFormation = stack.clients().configure(CloudFormationClient.builder()).build()) {
            // The physical id of an AWS::SQS::Queue is its URL. (moto answers DescribeStackResource with a 500.)
            return cloudFormation.listStackResourcesPaginator(b -> b.stackName(stack.outputs().stackName()))
                    .stackResourceSummaries().stream().filter(r -> r.logicalResourceId().equals(logicalId))
                    .map(r -> r.physicalResourceId()).findFirst()
                    .orElseThrow(() -> new AssertionError("no resource " + logicalId + " in the stack"));
        }
    }

    /** What the redrive command is given: the stack's endpoint and region, as a shell would export them. */
    private static Map<String, String> endpointVariables(StackDriver stack) {
        AwsEndpoint endpoint = stack.clients().endpoint();
        Map<String, String> variables = new HashMap<>(System.getenv());
        variables.put(AwsEndpoint.REGION_VARIABLE, endpoint.region().id());
        endpoint.endpointOverride().ifPresent(uri -> variables.put(AwsEndpoint.ENDPOINT_VARIABLE, uri.toString()));
        return variables;
    }

    private static int inQueue(StackDriver stack, String queue) {
        return count(stack, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                + count(stack, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private static int count(StackDriver stack, String queue, QueueAttributeName attribute) {
        return Integer.parseInt(stack.sqs().getQueueAttributes(b -> b.queueUrl(queue).attributeNames(attribute))
                .attributes().getOrDefault(attribute, "0"));
    }
}
