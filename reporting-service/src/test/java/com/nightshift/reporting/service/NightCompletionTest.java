package com.nightshift.reporting.service;

import java.util.ArrayList;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import com.nightshift.common.metrics.BusinessMetrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.notify.NightCompleteNotice;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.reporting.NightSummary;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** When a night counts as complete, and that it is announced on the job topic once per date (the moto emulator). */
class NightCompletionTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final Instant T0 = Instant.parse("2026-11-21T01:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;
    private static SqsClient sqs;
    private static SnsClient sns;
    private static ObjectStore store;
    private static int run;

    private String output;
    private String topicArn;
    private String subscriber;
    private final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void clients() {
        s3 = AWS.client(AwsClients::s3);
        sqs = AWS.client(AwsClients::sqs);
        sns = AWS.client(AwsClients::sns);
        store = new ObjectStore(s3);
    }

    @BeforeEach
    void freshBucketAndTopic() {
        run++;
        output = "output-" + run;
        s3.createBucket(b -> b.bucket(output));
        topicArn = sns.createTopic(b -> b.name("jobs-" + run)).topicArn();
        subscriber = sqs.createQueue(b -> b.queueName("subscriber-" + run)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(subscriber).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));
    }

    private NightCompletion completion(String topic) {
        return new NightCompletion(store, output, new JobNotifications(sns, topic, Clock.systemUTC()),
                BusinessMetrics.to(metrics::add, "Nightshift/test", "reporting-service", Clock.fixed(NOW, ZoneOffset.UTC)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Two accounts staged at T0, reconciled at T0+1 min, risk at T0+2 min, reports at T0+3 min. */
    private static Map<String, Instant> completeStaging() {
        Map<String, Instant> staging = new LinkedHashMap<>();
        staging.put("staged/ledger/ACC-1/2026-11-20/gl.csv", T0);
        staging.put("staged/statement/ACC-1/2026-11-20/st.csv", T0);
        staging.put("staged/ledger/ACC-2/2026-11-20/gl.csv", T0);
        staging.put("staged/positions/2026-11-20/p.csv", T0);
        staging.put("staged/market-data/2026-11-20/prices.csv", T0);
        staging.put("results/recon/2026-11-20/ACC-1/result.json", T0.plusSeconds(60));
        staging.put("results/recon/2026-11-20/ACC-2/result.json", T0.plusSeconds(60));
        staging.put("results/risk/2026-11-20/var.json", T0.plusSeconds(120));
        return staging;
    }

    private static Map<String, Instant> completeReports() {
        return new LinkedHashMap<>(Map.of("reconciliation-2026-11-20", T0.plusSeconds(180),
                "risk-2026-11-20", T0.plusSeconds(180)));
    }

    private static NightSummary night(Map<String, Instant> staging, Map<String, Instant> reports) {
        return NightSummary.fromObjects(DATE, staging, reports, "night-" + DATE);
    }

    @Test
    void a_night_whose_inputs_all_became_results_and_reports_is_complete() {
        assertThat(NightCompletion.complete(night(completeStaging(), completeReports()))).isTrue();
    }

    @Test
    void a_night_with_an_account_not_yet_reconciled_is_not_complete() {
        Map<String, Instant> staging = completeStaging();
        staging.put("staged/statement/ACC-3/2026-11-20/st.csv", T0);

        assertThat(NightCompletion.complete(night(staging, completeReports()))).isFalse();
    }

    @Test
    void a_night_whose_account_got_a_newer_file_after_its_result_is_not_complete() {
        Map<String, Instant> staging = completeStaging();
        staging.put("staged/statement/ACC-2/2026-11-20/st.csv", T0.plusSeconds(90));

        assertThat(NightCompletion.complete(night(staging, completeReports()))).isFalse();
    }

    @Test
    void a_night_without_a_risk_run_or_with_positions_newer_than_it_is_not_complete() {
        Map<String, Instant> noRisk = completeStaging();
        noRisk.remove("results/risk/2026-11-20/var.json");
        Map<String, Instant> newerPositions = completeStaging();
        newerPositions.put("staged/positions/2026-11-20/p.csv", T0.plusSeconds(150));

        assertThat(NightCompletion.complete(night(noRisk, completeReports()))).isFalse();
        assertThat(NightCompletion.complete(night(newerPositions, completeReports()))).isFalse();
    }

    @Test
    void a_night_whose_reports_are_missing_or_older_than_their_results_is_not_complete() {
        Map<String, Instant> noRiskReport = completeReports();
        noRiskReport.remove("risk-2026-11-20");
        Map<String, Instant> staleReconciliation = completeReports();
        staleReconciliation.put("reconciliation-2026-11-20", T0.plusSeconds(30));

        assertThat(NightCompletion.complete(night(completeStaging(), noRiskReport))).isFalse();
        assertThat(NightCompletion.complete(night(completeStaging(), staleReconciliation))).isFalse();
    }

    @Test
    void a_night_with_nothing_staged_is_not_complete() {
        assertThat(NightCompletion.complete(night(Map.of("results/risk/2026-11-20/var.json", T0), completeReports())))
                .isFalse();
    }

    @Test
    void a_complete_night_is_announced_once_with_its_reports_and_the_time_left_before_the_deadline() {
        NightCompletion completion = completion(topicArn);
        NightSummary night = night(completeStaging(), completeReports());

        assertThat(completion.announceIfComplete(night)).isTrue();
        assertThat(completion.announceIfComplete(night)).isFalse();

        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(subscriber).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages();
        assertThat(messages).hasSize(1);
        NightCompleteNotice notice = JsonCodec.read(messages.getFirst().body(), NightCompleteNotice.class);
        assertThat(notice.businessDate()).isEqualTo(DATE);
        assertThat(notice.reportIds()).containsExactlyInAnyOrder("reconciliation-2026-11-20", "risk-2026-11-20",
                "night-2026-11-20");
        // Deadline: Monday 2026-11-23 09:30 New York (EST, UTC-5).
        assertThat(notice.deadline()).isEqualTo(Instant.parse("2026-11-23T14:30:00Z"));
        assertThat(notice.secondsBeforeDeadline()).isEqualTo(Instant.parse("2026-11-23T14:30:00Z").getEpochSecond()
                - NOW.getEpochSecond());
        assertThat(store.head(ObjectRef.of(output, NightCompletion.MARKER_PREFIX + DATE + ".json"))).isPresent();
    }

    @Test
    void the_announcement_reports_one_night_completed_and_its_seconds_before_the_deadline_once() {
        NightCompletion completion = completion(topicArn);
        NightSummary night = night(completeStaging(), completeReports());

        completion.announceIfComplete(night);
        completion.announceIfComplete(night);

        assertThat(metrics).singleElement().satisfies(line -> {
            JsonNode document = JsonCodec.tree(line.getBytes(StandardCharsets.UTF_8));
            assertThat(document.get("Service").asText()).isEqualTo("reporting-service");
            assertThat(document.get("NightsCompleted").asLong()).isEqualTo(1);
            // Friday's night, found complete on Saturday 05:00 UTC: 2 days 9 h 30 min before Monday 14:30 UTC.
            assertThat(document.get("SecondsBeforeDeadline").asLong())
                    .isEqualTo(Instant.parse("2026-11-23T14:30:00Z").getEpochSecond() - NOW.getEpochSecond());
        });
    }

    @Test
    void an_incomplete_night_reports_no_metric() {
        Map<String, Instant> staging = completeStaging();
        staging.remove("results/recon/2026-11-20/ACC-2/result.json");

        completion(topicArn).announceIfComplete(night(staging, completeReports()));

        assertThat(metrics).isEmpty();
    }

    @Test
    void an_incomplete_night_is_not_announced() {
        Map<String, Instant> staging = completeStaging();
        staging.remove("results/recon/2026-11-20/ACC-2/result.json");

        assertThat(completion(topicArn).announceIfComplete(night(staging, completeReports()))).isFalse();

        assertThat(store.list(output, NightCompletion.MARKER_PREFIX)).isEmpty();
    }

    @Test
    void an_announcement_that_cannot_be_published_is_tried_again_by_the_next_rendering() {
        NightSummary night = night(completeStaging(), completeReports());

        assertThat(completion("arn:aws:sns:us-east-1:123456789012:no-such-topic").announceIfComplete(night)).isFalse();
        assertThat(store.list(output, NightCompletion.MARKER_PREFIX)).isEmpty();

        assertThat(completion(topicArn).announceIfComplete(night)).isTrue();
    }
}
