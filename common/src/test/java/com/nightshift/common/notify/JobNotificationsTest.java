package com.nightshift.common.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.worker.JobFailure;
import com.nightshift.common.worker.SqsWorker;
import com.nightshift.common.worker.TaskProtection;
import com.nightshift.common.worker.WorkerSettings;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Job notices reach a queue subscribed to the job topic (the moto emulator), one JSON document each. */
class JobNotificationsTest {

    private static final WorkerSettings FAST = new WorkerSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);
    private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static SqsClient sqs;
    private static SnsClient sns;

    @BeforeAll
    static void clients() {
        sqs = AWS.client(AwsClients::sqs);
        sns = AWS.client(AwsClients::sns);
    }

    @Test
    void a_failing_job_is_notified_on_each_delivery_and_as_dead_lettered_on_the_last() {
        Subscriber subscriber = subscribe("failures");
        String dlq = queue("work-dlq", Map.of());
        String queue = queue("work", Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn(dlq) + "\",\"maxReceiveCount\":\"2\"}"));
        JobNotifications notifications = new JobNotifications(sns, subscriber.topicArn(), Clock.fixed(NOW, ZoneOffset.UTC));
        try (SqsWorker worker = new SqsWorker("recon", sqs, queue, m -> {
            throw new IllegalStateException("ledger.csv is unreadable\n  at line 3: the whole row");
        }, FAST, TaskProtection.none(), notifications)) {
            worker.start();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{\"jobId\":\"recon-ACC-1-2026-11-20\"}"));
            List<JobFailedNotice> notices = subscriber.await(2, JobFailedNotice.class);

            assertThat(notices).extracting(JobFailedNotice::type)
                    .containsExactly(JobFailedNotice.FAILED, JobFailedNotice.DEAD_LETTERED);
            assertThat(notices).extracting(JobFailedNotice::receiveCount).containsExactly(1, 2);
            JobFailedNotice last = notices.get(1);
            assertThat(last.worker()).isEqualTo("recon");
            assertThat(last.queue()).isEqualTo(queue);
            assertThat(last.jobId()).isEqualTo("recon-ACC-1-2026-11-20");
            assertThat(last.maxReceiveCount()).isEqualTo(2);
            assertThat(last.error()).isEqualTo("IllegalStateException: ledger.csv is unreadable");
            assertThat(last.at()).isEqualTo(NOW);
        }
    }

    @Test
    void a_message_that_is_no_job_is_notified_without_a_job_id() {
        Subscriber subscriber = subscribe("no-job");
        String queue = queue("no-redrive", Map.of());
        JobNotifications notifications = new JobNotifications(sns, subscriber.topicArn(), Clock.systemUTC());
        try (SqsWorker worker = new SqsWorker("report", sqs, queue, m -> {
            throw new IllegalArgumentException("not a report job");
        }, FAST, TaskProtection.none(), notifications)) {
            worker.start();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("not json at all"));
            JobFailedNotice notice = subscriber.await(1, JobFailedNotice.class).getFirst();

            assertThat(notice.type()).isEqualTo(JobFailedNotice.FAILED);
            assertThat(notice.jobId()).isNull();
            assertThat(notice.maxReceiveCount()).isZero();
        }
    }

    @Test
    void a_complete_night_is_notified_with_its_reports_and_the_time_left_before_the_deadline() {
        Subscriber subscriber = subscribe("nights");
        JobNotifications notifications = new JobNotifications(sns, subscriber.topicArn(), Clock.systemUTC());
        Instant deadline = Instant.parse("2026-11-23T14:30:00Z");

        notifications.nightComplete(NightCompleteNotice.of(LocalDate.of(2026, 11, 20),
                List.of("reconciliation-2026-11-20", "risk-2026-11-20", "night-2026-11-20"), NOW, deadline));

        NightCompleteNotice notice = subscriber.await(1, NightCompleteNotice.class).getFirst();
        assertThat(notice.type()).isEqualTo(NightCompleteNotice.TYPE);
        assertThat(notice.businessDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(notice.reportIds()).containsExactly("reconciliation-2026-11-20", "risk-2026-11-20", "night-2026-11-20");
        assertThat(notice.deadline()).isEqualTo(deadline);
        assertThat(notice.secondsBeforeDeadline()).isEqualTo(Duration.between(NOW, deadline).toSeconds());
    }

    @Test
    void a_notice_that_cannot_be_published_does_not_fail_the_caller() {
        JobNotifications notifications = new JobNotifications(sns, "arn:aws:sns:us-east-1:123456789012:no-such-topic",
                Clock.systemUTC());

        notifications.failed(new JobFailure("report", "q", "m-1", Optional.empty(), 1, 5, "IllegalStateException"));
    }

    @Test
    void without_a_topic_notices_are_only_logged() {
        JobNotifications notifications = new JobNotifications(null, " ", Clock.systemUTC());

        notifications.failed(new JobFailure("report", "q", "m-1", Optional.empty(), 1, 5, "IllegalStateException"));

        assertThat(notifications.publishing()).isFalse();
    }

    /** A queue subscribed to a new topic with raw message delivery: each message body is one notice. */
    private record Subscriber(String topicArn, String queueUrl) {
        <T> List<T> await(int count, Class<T> type) {
            List<T> notices = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (notices.size() < count && Instant.now().isBefore(deadline)) {
                for (Message message : sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)
                        .maxNumberOfMessages(10)).messages()) {
                    notices.add(JsonCodec.read(message.body(), type));
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
            }
            assertThat(notices).as("notices on " + queueUrl).hasSize(count);
            return notices;
        }
    }

    private static Subscriber subscribe(String name) {
        String topicArn = sns.createTopic(b -> b.name("topic-" + name)).topicArn();
        String queueUrl = queue("notices-" + name, Map.of());
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn(queueUrl))
                .attributes(Map.of("RawMessageDelivery", "true")));
        return new Subscriber(topicArn, queueUrl);
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String arn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }
}
