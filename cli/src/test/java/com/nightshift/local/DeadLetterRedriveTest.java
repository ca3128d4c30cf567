package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.aws.AwsEndpoint;
import com.nightshift.common.emulator.LocalAws;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** {@code nightshift redrive} against SQS semantics (the moto emulator): every message moves back, none is lost. */
class DeadLetterRedriveTest {

    private static final String TRACE_HEADER = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static SqsClient sqs;
    private static int queues;

    @BeforeAll
    static void clients() {
        sqs = AWS.client(AwsClients::sqs);
    }

    /** A work queue and its dead-letter queue: {work, dlq}. */
    private static String[] queuePair() {
        queues++;
        String dlq = sqs.createQueue(b -> b.queueName("work-dlq-" + queues)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String work = sqs.createQueue(b -> b.queueName("work-" + queues).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"5\"}"))).queueUrl();
        return new String[] {work, dlq};
    }

    private static void deadLetter(String dlq, int count) {
        for (int i = 1; i <= count; i++) {
            String body = "{\"jobId\":\"job-" + i + "\"}";
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody(body)
                    .messageAttributes(Map.of("origin", MessageAttributeValue.builder().dataType("String")
                            .stringValue("test").build()))
                    .messageSystemAttributes(Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                            MessageSystemAttributeValue.builder().dataType("String").stringValue(TRACE_HEADER).build())));
        }
    }

    private static List<Message> drain(String queue) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        NightshiftCli.Context context = new NightshiftCli.Context(Path.of("."), Path.of("out"),
                Map.of(AwsEndpoint.ENDPOINT_VARIABLE, AWS.moto().endpoint().toString(), AwsEndpoint.REGION_VARIABLE, "us-east-1"),
                new ByteArrayInputStream(new byte[0]), print);
        int status = NightshiftCli.commandLine(context, print, args).execute(args);
        return status + "\n" + out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void every_dead_lettered_message_moves_back_to_its_source_queue_with_its_attributes() {
        String[] pair = queuePair();
        deadLetter(pair[1], 23);

        String output = run("redrive", "--queue", pair[1]);

        assertThat(output).startsWith("0\n").contains("moved 23 messages in total");
        List<Message> moved = drain(pair[0]);
        assertThat(moved).hasSize(23);
        assertThat(moved).extracting(Message::body).contains("{\"jobId\":\"job-1\"}", "{\"jobId\":\"job-23\"}");
        assertThat(moved).allSatisfy(m -> assertThat(m.messageAttributes()).containsKey("origin"));
        // The AWSTraceHeader is sent on too (SqsTraceHeader.of(Message), JobTracingTest), but moto 5 drops system
        // attributes in SendMessageBatch, so it cannot be checked here; real SQS keeps them.
        assertThat(drain(pair[1])).isEmpty();
    }

    @Test
    void at_most_max_messages_move_and_the_rest_stay_in_the_dead_letter_queue() {
        String[] pair = queuePair();
        deadLetter(pair[1], 12);

        String output = run("redrive", "--queue", pair[1], "--max", "5");

        assertThat(output).contains("moved 5 messages in total");
        assertThat(drain(pair[0])).hasSize(5);
        assertThat(drain(pair[1])).hasSize(7);
    }

    @Test
    void an_empty_dead_letter_queue_moves_nothing() {
        String[] pair = queuePair();

        assertThat(run("redrive", "--queue", pair[1])).startsWith("0\n").contains("moved 0 messages in total");
    }

    @Test
    void a_queue_that_is_no_queues_dead_letter_queue_is_refused() {
        String lonely = sqs.createQueue(b -> b.queueName("lonely")).queueUrl();

        assertThat(run("redrive", "--queue", lonely)).startsWith("1\n")
                .contains("is the dead-letter queue of 0 queues");
    }

    @Test
    void a_maximum_below_one_is_refused() {
        assertThat(run("redrive", "--queue", "http://localhost/q", "--max", "0")).startsWith("1\n")
                .contains("--max must be at least 1");
    }

    @Test
    void env_and_queue_exclude_each_other_and_one_is_required() {
        assertThat(run("redrive")).startsWith("2\n");
        assertThat(run("redrive", "--env", "local", "--queue", "http://localhost/q")).startsWith("2\n");
        assertThat(run("redrive", "--help")).startsWith("0\n").contains("Usage: nightshift redrive")
                .contains("--env=ENV").contains("--queue=URL").contains("--max=N");
    }

    @Test
    void an_environments_four_dead_letter_queues_pair_with_their_work_queues() {
        StackOutputs outputs = new StackOutputs("s", Map.of("IngestQueueUrl", "i", "ReconQueueUrl", "r",
                "RiskQueueUrl", "k", "ReportQueueUrl", "p", "IngestDeadLetterQueueUrl", "i-dlq",
                "ReconDeadLetterQueueUrl", "r-dlq", "RiskDeadLetterQueueUrl", "k-dlq", "ReportDeadLetterQueueUrl", "p-dlq"));

        assertThat(DeadLetterRedrive.sourcesOf(outputs)).containsExactly(Map.entry("i-dlq", "i"),
                Map.entry("r-dlq", "r"), Map.entry("k-dlq", "k"), Map.entry("p-dlq", "p"));
    }

    @Test
    void a_batch_that_cannot_be_sent_stays_in_the_dead_letter_queue() {
        String[] pair = queuePair();
        deadLetter(pair[1], 2);
        DeadLetterRedrive redrive = new DeadLetterRedrive(sqs, new PrintStream(new ByteArrayOutputStream()));

        assertThatThrownBy(() -> redrive.move(pair[1], pair[0].replace("work-", "gone-"), 10))
                .isInstanceOf(RuntimeException.class);

        // Received but never deleted: both wait, hidden, in the dead-letter queue.
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(pair[1]).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)))
                .isEqualTo(2);
    }
}
