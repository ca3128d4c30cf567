package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.notify.JobFailedNotice;
import com.nightshift.common.notify.NightCompleteNotice;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.SampleDataSet;
import com.nightshift.local.StackDriver;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Job notifications through the stack's job topic ({@code NotificationTopicArn}): a queue of the test's own
 * subscribes to it, a night runs to completion and is announced, and a message that is no job fails and is
 * announced as failed.
 */
@ExtendWith(StackUnderTest.class)
class NotificationsIT {

    /**
     * The sample night moved four weeks on (weekdays stay weekdays) with accounts of its own, so that this
     * night is announced here whichever other tests ran before: a night is announced once per date.
     */
    private static final LocalDate DATE = SampleDataSet.BUSINESS_DATE.plusWeeks(4);
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static String subscriber;
    private static String subscription;
    private static final List<JsonNode> NOTICES = new ArrayList<>();

    @BeforeAll
    static void subscribe(StackDriver stack) {
        String topicArn = stack.outputs().value("NotificationTopicArn");
        subscriber = stack.sqs().createQueue(b -> b.queueName("e2e-job-notices-" + System.nanoTime())).queueUrl();
        String queueArn = stack.sqs().getQueueAttributes(b -> b.queueUrl(subscriber)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        try (SnsClient sns = stack.clients().configure(SnsClient.builder()).build()) {
            subscription = sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        }
    }

    @AfterAll
    static void unsubscribeQueue(StackDriver stack) {
        // Unsubscribed first: the emulator refuses every publish to a topic with a subscribed queue that is gone.
        try (SnsClient sns = stack.clients().configure(SnsClient.builder()).build()) {
            sns.unsubscribe(b -> b.subscriptionArn(subscription));
        }
        stack.sqs().deleteQueue(b -> b.queueUrl(subscriber));
    }

    @Test
    void a_night_is_announced_complete_with_its_reports_and_the_time_left_before_the_deadline(StackDriver stack) {
        Instant uploaded = Instant.now();
        shiftedSampleNight().forEach(stack::upload);
        // Fails early, naming the dead-letter queue, when a stage of the night fails.
        stack.awaitObjects(stack.outputs().outputBucket(), List.of("reports/reconciliation-" + DATE + ".pdf",
                "reports/risk-" + DATE + ".pdf", "reports/night-" + DATE + ".pdf"), uploaded, Duration.ofMinutes(4));

        JsonNode found = awaitNotice(stack, "the night-complete notice of " + DATE, Duration.ofMinutes(3),
                n -> NightCompleteNotice.TYPE.equals(n.path("type").asText())
                        && DATE.toString().equals(n.path("businessDate").asText()));

        NightCompleteNotice notice = JsonCodec.read(found.toString(), NightCompleteNotice.class);
        assertThat(notice.reportIds()).containsExactlyInAnyOrder("reconciliation-" + DATE, "risk-" + DATE, "night-" + DATE);
        for (String id : notice.reportIds()) {
            assertThat(stack.store().head(ObjectRef.of(stack.outputs().outputBucket(), "reports/" + id + ".pdf")))
                    .as(id).isPresent();
        }
        // 09:30 New York on the Monday after (a Friday), EST.
        assertThat(notice.deadline()).isEqualTo(Instant.parse("2026-12-21T14:30:00Z"));
        assertThat(notice.secondsBeforeDeadline())
                .isEqualTo(Duration.between(notice.completedAt(), notice.deadline()).toSeconds());
        assertThat(notice.completedAt()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void a_message_that_is_no_job_is_announced_as_failed_with_its_queue_and_delivery(StackDriver stack) {
        assertThat(stack.awaitQuiet(Duration.ofMinutes(4))).as("the stack has finished earlier work").isTrue();
        String queue = stack.outputs().reportQueueUrl();
        String messageId = stack.sqs().sendMessage(b -> b.queueUrl(queue).messageBody("this is no report job"))
                .messageId();
        try {
            JsonNode found = awaitNotice(stack, "the job-failed notice of " + messageId, Duration.ofMinutes(1),
                    n -> messageId.equals(n.path("messageId").asText()));

            JobFailedNotice notice = JsonCodec.read(found.toString(), JobFailedNotice.class);
            assertThat(notice.type()).isEqualTo(JobFailedNotice.FAILED);
            assertThat(notice.worker()).isEqualTo("report");
            assertThat(notice.queue()).isEqualTo(queue);
            assertThat(notice.receiveCount()).isEqualTo(1);
            assertThat(notice.maxReceiveCount()).isEqualTo(5);
            assertThat(notice.jobId()).isNull();
            assertThat(notice.error()).startsWith("IllegalArgumentException").doesNotContain("\n");
        } finally {
            // The poison message would fail four more times and reach the dead-letter queue, which the other
            // tests read as a failure: nothing else is on the queue now, so it goes with a purge.
            stack.sqs().purgeQueue(b -> b.queueUrl(queue));
        }
    }

    /** Waits for a notice on the subscribed queue that {@code wanted} accepts, keeping the others. */
    private static JsonNode awaitNotice(StackDriver stack, String what, Duration timeout, Predicate<JsonNode> wanted) {
        Optional<JsonNode> found = NOTICES.stream().filter(wanted).findFirst();
        Instant deadline = Instant.now().plus(timeout);
        while (found.isEmpty()) {
            for (Message message : stack.sqs().receiveMessage(b -> b.queueUrl(subscriber).maxNumberOfMessages(10)
                    .waitTimeSeconds(2)).messages()) {
                NOTICES.add(JsonCodec.tree(message.body().getBytes(StandardCharsets.UTF_8)));
                stack.sqs().deleteMessage(b -> b.queueUrl(subscriber).receiptHandle(message.receiptHandle()));
            }
            found = NOTICES.stream().filter(wanted).findFirst();
            if (found.isEmpty() && Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; notices seen: "
                        + NOTICES);
            }
        }
        return found.get();
    }

    /** The sample night with every date four weeks later and its accounts renamed ACC-100x to ACC-700x. */
    private static Map<String, byte[]> shiftedSampleNight() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        SampleDataSet.generate(20261120L).files().forEach((key, content) -> files.put(shift(key),
                shift(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        return files;
    }

    private static String shift(String text) {
        Matcher dates = ISO_DATE.matcher(text.replace("ACC-100", "ACC-700"));
        StringBuilder shifted = new StringBuilder();
        while (dates.find()) {
            String replacement;
            try {
                replacement = LocalDate.parse(dates.group()).plusWeeks(4).toString();
            } catch (java.time.DateTimeException notADate) {
                replacement = dates.group();
            }
            dates.appendReplacement(shifted, replacement);
        }
        dates.appendTail(shifted);
        return shifted.toString();
    }
}
