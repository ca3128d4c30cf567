package com.nightshift.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.trace.SqsTraceHeader;
import com.nightshift.deploy.DeployEnvironment;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@code nightshift redrive}: moves the messages of a dead-letter queue back to the queue they came from,
 * after the cause of their failure has been fixed, and says how many moved.
 *
 * <p>Messages move in batches of up to ten: received from the dead-letter queue, sent to the source queue
 * with their bodies, message attributes and trace header ({@code AWSTraceHeader}), and deleted from the dead-letter
 * queue only once the send has succeeded, so that no message is lost. A message whose send fails stays in
 * the dead-letter queue and reappears there after the visibility timeout; a message whose delete fails may
 * be delivered twice, which the consumers tolerate (they are idempotent). SQS's own
 * {@code StartMessageMoveTask} would do the same on the server, but the local emulator does not offer it,
 * and one code path for both is what the tests can check.
 */
public final class DeadLetterRedrive {

    /** How long a received message stays hidden in the dead-letter queue while it is being moved. */
    private static final int VISIBILITY_SECONDS = 60;

    private final SqsClient sqs;
    private final PrintStream out;

    DeadLetterRedrive(SqsClient sqs, PrintStream out) {
        this.sqs = sqs;
        this.out = out;
    }

    /**
     * Redrives the dead-letter queues of environment {@code env} (through its workload stack's outputs), or
     * the one dead-letter queue {@code queueUrl}, at most {@code max} messages from each, at the endpoint
     * {@code environmentVariables} name.
     *
     * @return the number of messages moved
     */
    public static int run(Optional<String> env, Optional<String> queueUrl, int max, Optional<String> region,
            Path projectRoot, Map<String, String> environmentVariables, PrintStream out) {
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, was " + max);
        }
        Map<String, String> variables = new HashMap<>(environmentVariables);
        Optional<DeployEnvironment> environment = env.map(name ->
                DeployEnvironment.load(projectRoot.resolve("infra").resolve("config"), name));
        region.or(() -> environment.map(DeployEnvironment::region))
                .ifPresent(r -> variables.put(AwsEndpoint.REGION_VARIABLE, r));
        AwsClients clients = new AwsClients(AwsEndpoint.fromEnvironment(variables));
        try (SqsClient sqs = clients.sqs()) {
            DeadLetterRedrive redrive = new DeadLetterRedrive(sqs, out);
            Map<String, String> pairs;
            if (environment.isPresent()) {
                try (CloudFormationClient cloudFormation = clients.configure(CloudFormationClient.builder()).build()) {
                    pairs = sourcesOf(StackOutputs.describe(cloudFormation, environment.get().workloadStackName()));
                }
            } else {
                String dlq = queueUrl.orElseThrow(() -> new IllegalArgumentException("give --env or --queue"));
                pairs = Map.of(dlq, redrive.sourceOf(dlq));
            }
            int moved = 0;
            for (Map.Entry<String, String> pair : pairs.entrySet()) {
                moved += redrive.move(pair.getKey(), pair.getValue(), max);
            }
            out.println("moved " + moved + " message" + (moved == 1 ? "" : "s") + " in total");
            return moved;
        }
    }

    /** Dead-letter queue URL to its source queue URL, for the four work queues of a workload stack. */
    static Map<String, String> sourcesOf(StackOutputs outputs) {
        Map<String, String> sources = Map.of("ingest", outputs.ingestQueueUrl(), "recon", outputs.reconQueueUrl(),
                "risk", outputs.riskQueueUrl(), "report", outputs.reportQueueUrl());
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String name : List.of("ingest", "recon", "risk", "report")) {
            pairs.put(outputs.deadLetterQueueUrls().get(name), sources.get(name));
        }
        return pairs;
    }

    /** The one queue whose redrive policy names {@code deadLetterQueueUrl}. */
    String sourceOf(String deadLetterQueueUrl) {
        List<String> sources = sqs.listDeadLetterSourceQueues(b -> b.queueUrl(deadLetterQueueUrl)).queueUrls();
        if (sources.size() != 1) {
            throw new IllegalArgumentException(deadLetterQueueUrl + " is the dead-letter queue of " + sources.size()
                    + " queues " + sources + "; redrive needs exactly one");
        }
        return sources.getFirst();
    }

    /**
     * Moves up to {@code max} messages from {@code deadLetterQueueUrl} to {@code sourceUrl}, until the
     * dead-letter queue answers a receive with nothing.
     *
     * @return the number moved
     */
    int move(String deadLetterQueueUrl, String sourceUrl, int max) {
        int moved = 0;
        while (moved < max) {
            int batch = Math.min(10, max - moved);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(1).visibilityTimeout(VISIBILITY_SECONDS)
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (messages.isEmpty()) {
                break;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                Message message = messages.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message.body())
                        .messageAttributes(message.messageAttributes())
                        .messageSystemAttributes(SqsTraceHeader.of(message)).build());
            }
            SendMessageBatchResponse sent = sqs.sendMessageBatch(b -> b.queueUrl(sourceUrl).entries(entries));
            sent.failed().forEach(f -> out.println("  not moved (left in the dead-letter queue): message "
                    + messages.get(Integer.parseInt(f.id())).messageId() + ": " + f.code() + " " + f.message()));
            Set<String> sentIds = sent.successful().stream().map(s -> s.id()).collect(Collectors.toSet());
            if (sentIds.isEmpty()) {
                throw new IllegalStateException("no message of a batch could be sent to " + sourceUrl
                        + "; the messages stay in " + deadLetterQueueUrl);
            }
            List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
            for (String id : sentIds) {
                deletes.add(DeleteMessageBatchRequestEntry.builder().id(id)
                        .receiptHandle(messages.get(Integer.parseInt(id)).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(b -> b.queueUrl(deadLetterQueueUrl).entries(deletes)).failed()
                    .forEach(f -> out.println("  moved but not deleted (may be delivered twice): message "
                            + messages.get(Integer.parseInt(f.id())).messageId() + ": " + f.code()));
            moved += sentIds.size();
        }
        out.println(deadLetterQueueUrl + " -> " + sourceUrl + ": moved " + moved);
        return moved;
    }
}
