package com.nightshift.recon.service;

import com.nightshift.common.storage.S3OutputSink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.job.ReconJob;
import com.nightshift.common.job.ReportJob;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.manifest.ManifestSigner;
import com.nightshift.common.metrics.BusinessMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.ObjectStore;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.common.trace.JobTrace;
import com.nightshift.common.worker.JobMessage;
import com.nightshift.common.worker.JobPublisher;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The recon job against S3 and SQS semantics (the moto emulator): inputs, open items, outputs, messages. */
class ReconConsumerTest {

    private static final String HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final LocalDate NIGHT_1 = LocalDate.of(2026, 11, 25);
    private static final LocalDate NIGHT_2 = LocalDate.of(2026, 11, 26);

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;
    private static SqsClient sqs;
    private static ObjectStore store;
    private static int buckets;

    private String bucket;
    private String reconQueue;
    private String reportQueue;
    private ReconConsumer consumer;
    private final List<String> metrics = new ArrayList<>();

    @BeforeAll
    static void clients() {
        s3 = AWS.client(AwsClients::s3);
        sqs = AWS.client(AwsClients::sqs);
        store = new ObjectStore(s3);
    }

    @BeforeEach
    void freshBucketAndQueues() {
        buckets++;
        bucket = "staging-" + buckets;
        s3.createBucket(b -> b.bucket(bucket));
        reconQueue = sqs.createQueue(b -> b.queueName("recon-" + buckets)).queueUrl();
        reportQueue = sqs.createQueue(b -> b.queueName("report-" + buckets)).queueUrl();
        consumer = new ReconConsumer(store, new JobPublisher(sqs), ManifestSigner.withKey("test-key"),
                BusinessMetrics.to(metrics::add, "Nightshift/test", "processing-service", Clock.systemUTC()),
                reconQueue, bucket, reportQueue);
    }

    @Test
    void the_consumer_works_the_recon_queue_under_its_own_name() {
        assertThat(consumer.name()).isEqualTo("recon");
        assertThat(consumer.queueUrl()).isEqualTo(reconQueue);
    }

    @Test
    void a_night_with_only_a_ledger_runs_and_leaves_its_entries_open() throws Exception {
        stage("ledger", "ACC-1", NIGHT_1, "gl", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1"));

        handle("ACC-1", NIGHT_1);

        ReconciliationDocument result = result("ACC-1", NIGHT_1);
        assertThat(result.rules()).containsExactly("exact", "tolerance", "aggregate");
        assertThat(result.counts().ledgerRows()).isEqualTo(1);
        assertThat(result.counts().statementRows()).isZero();
        assertThat(result.counts().matched()).isZero();
        assertThat(result.counts().unmatchedLedger()).isEqualTo(1);
        assertThat(result.unmatchedLedger()).singleElement().satisfies(i -> {
            assertThat(i.entryId()).isEqualTo("L-1");
            assertThat(i.firstSeen()).isEqualTo(NIGHT_1);
            assertThat(i.ageDays()).isZero();
        });
        assertThat(ManifestSigner.withKey("test-key").verify(result)).isEqualTo(ManifestSigner.Verdict.VALID);
        assertThat(keys("results/recon/" + NIGHT_1 + "/ACC-1/")).containsExactly(
                "results/recon/2026-11-25/ACC-1/manifest.json", "results/recon/2026-11-25/ACC-1/matches.csv",
                "results/recon/2026-11-25/ACC-1/result.json", "results/recon/2026-11-25/ACC-1/summary.json",
                "results/recon/2026-11-25/ACC-1/unmatched_ledger.csv",
                "results/recon/2026-11-25/ACC-1/unmatched_statement.csv");
        assertThat(text("open-items/ACC-1/2026-11-25/open_items.csv")).contains("ledger,2026-11-25,L-1,ACC-1");
        List<ReportJob> reports = received(reportQueue, ReportJob.class);
        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.resultKey()).isEqualTo("results/recon/2026-11-25/");
            assertThat(r.reportId()).isEqualTo("reconciliation-2026-11-25");
        });
    }

    @Test
    void a_reconciliation_reports_its_matches_by_rule_and_its_breaks() throws Exception {
        stage("ledger", "ACC-1", NIGHT_1, "gl", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1")
                + row("L-2", "ACC-1", NIGHT_1, "-5.00", "INV-2"));
        stage("statement", "ACC-1", NIGHT_1, "bank", row("S-2", "ACC-1", NIGHT_1, "-5.00", "INV-2"));

        handle("ACC-1", NIGHT_1);

        Map<String, Long> matchesByRule = new HashMap<>();
        JsonNode breaks = null;
        for (String line : metrics) {
            JsonNode document = JsonCodec.tree(line.getBytes(StandardCharsets.UTF_8));
            assertThat(document.get("Service").asText()).isEqualTo("processing-service");
            if (document.has("Rule")) {
                matchesByRule.put(document.get("Rule").asText(), document.get("Matches").asLong());
            } else {
                breaks = document;
            }
        }
        assertThat(matchesByRule.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1);
        assertThat(matchesByRule).containsEntry("exact", 1L);
        assertThat(breaks).isNotNull();
        assertThat(breaks.get("Breaks").asLong()).isEqualTo(1);
        assertThat(breaks.get("UnmatchedLedger").asLong()).isEqualTo(1);
        assertThat(breaks.get("UnmatchedStatement").asLong()).isZero();
    }

    @Test
    void an_entry_left_open_one_night_matches_the_next_night() throws Exception {
        stage("ledger", "ACC-1", NIGHT_1, "gl", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1")
                + row("L-2", "ACC-1", NIGHT_1, "-5.00", "INV-2"));
        stage("statement", "ACC-1", NIGHT_1, "bank", row("S-2", "ACC-1", NIGHT_1, "-5.00", "INV-2"));
        handle("ACC-1", NIGHT_1);
        stage("statement", "ACC-1", NIGHT_2, "bank", row("S-1", "ACC-1", NIGHT_2, "100.00", "inv 1"));

        handle("ACC-1", NIGHT_2);

        ReconciliationDocument result = result("ACC-1", NIGHT_2);
        assertThat(result.counts().matched()).isEqualTo(1);
        assertThat(result.counts().matchedByRule()).containsEntry("exact", 1L).containsEntry("tolerance", 0L);
        assertThat(result.counts().ledgerRows()).isEqualTo(1);
        assertThat(result.matches()).singleElement().satisfies(m -> {
            assertThat(m.ledgerEntryIds()).containsExactly("L-1");
            assertThat(m.statementEntryIds()).containsExactly("S-1");
            assertThat(m.rule()).isEqualTo("exact");
        });
        assertThat(text("results/recon/2026-11-26/ACC-1/matches.csv").lines())
                .contains("L-1,S-1,exact,0.00,1");
        assertThat(result.manifest().parameters()).containsEntry("openItems", "open-items/ACC-1/2026-11-25/open_items.csv");
        assertThat(result.manifest().inputs()).extracting(i -> i.key())
                .contains("open-items/ACC-1/2026-11-25/open_items.csv");
        assertThat(text("open-items/ACC-1/2026-11-26/open_items.csv").lines()).hasSize(1);
    }

    @Test
    void a_rerun_of_a_night_starts_from_the_state_before_it_and_gives_the_same_files() throws Exception {
        stage("ledger", "ACC-1", NIGHT_1, "gl", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1"));
        handle("ACC-1", NIGHT_1);
        stage("ledger", "ACC-1", NIGHT_2, "gl", row("L-3", "ACC-1", NIGHT_2, "7.00", "INV-3"));
        handle("ACC-1", NIGHT_2);
        String state = text("open-items/ACC-1/2026-11-26/open_items.csv");
        String unmatched = text("results/recon/2026-11-26/ACC-1/unmatched_ledger.csv");

        handle("ACC-1", NIGHT_2);

        assertThat(text("open-items/ACC-1/2026-11-26/open_items.csv")).isEqualTo(state);
        assertThat(text("results/recon/2026-11-26/ACC-1/unmatched_ledger.csv")).isEqualTo(unmatched);
        assertThat(state.lines()).hasSize(3);
        assertThat(result("ACC-1", NIGHT_2).unmatchedLedger()).extracting(ReconciliationDocument.Item::ageDays)
                .containsExactly(1L, 0L);
        assertThat(received(reconQueue, ReconJob.class)).isEmpty();
    }

    @Test
    void a_night_whose_open_items_change_reruns_the_next_night_that_ran() throws Exception {
        stage("ledger", "ACC-1", NIGHT_1, "gl", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1"));
        stage("statement", "ACC-1", NIGHT_2, "bank", row("S-1", "ACC-1", NIGHT_2, "100.00", "INV-1"));
        handle("ACC-1", NIGHT_2);
        assertThat(result("ACC-1", NIGHT_2).counts().matched()).isZero();

        handle("ACC-1", NIGHT_1);

        assertThat(received(reconQueue, ReconJob.class)).singleElement()
                .isEqualTo(ReconJob.of("ACC-1", NIGHT_2));
        handle("ACC-1", NIGHT_2);
        assertThat(result("ACC-1", NIGHT_2).counts().matched()).isEqualTo(1);
    }

    @Test
    void a_night_with_neither_side_staged_any_more_is_removed() throws Exception {
        stage("statement", "ACC-1", NIGHT_1, "bank", row("S-1", "ACC-1", NIGHT_1, "100.00", "INV-1"));
        handle("ACC-1", NIGHT_1);
        handle("ACC-1", NIGHT_2); // nothing staged for night 2 either: nothing to remove
        stage("ledger", "ACC-1", NIGHT_2, "gl", row("L-1", "ACC-1", NIGHT_2, "100.00", "INV-1"));
        handle("ACC-1", NIGHT_2);
        assertThat(result("ACC-1", NIGHT_2).counts().matched()).isEqualTo(1);
        received(reportQueue, ReportJob.class);

        store.delete(ObjectRef.of(bucket, "staged/statement/ACC-1/2026-11-25/bank.csv"));
        handle("ACC-1", NIGHT_1);

        assertThat(keys("results/recon/2026-11-25/ACC-1/")).isEmpty();
        assertThat(keys("open-items/ACC-1/2026-11-25/")).isEmpty();
        // The date's report is rendered again without the account.
        assertThat(received(reportQueue, ReportJob.class)).extracting(ReportJob::reportId)
                .containsExactly("reconciliation-2026-11-25");
        assertThat(received(reconQueue, ReconJob.class)).containsExactly(ReconJob.of("ACC-1", NIGHT_2));
        handle("ACC-1", NIGHT_2);
        assertThat(result("ACC-1", NIGHT_2).counts().matched()).isZero();
        assertThat(result("ACC-1", NIGHT_2).counts().unmatchedLedger()).isEqualTo(1);
    }

    @Test
    void duplicate_entry_ids_of_one_side_are_rejected_and_a_rerun_drops_rejects_that_no_longer_apply() throws Exception {
        stage("ledger", "ACC-1", NIGHT_1, "a", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1"));
        stage("ledger", "ACC-1", NIGHT_1, "b", row("L-1", "ACC-1", NIGHT_1, "100.00", "INV-1"));
        handle("ACC-1", NIGHT_1);
        assertThat(result("ACC-1", NIGHT_1).counts().rejectedRows()).isEqualTo(1);
        assertThat(keys("results/recon/2026-11-25/ACC-1/rejects/")).containsExactly(
                "results/recon/2026-11-25/ACC-1/rejects/staged~ledger~ACC-1~2026-11-25~b.csv");

        store.delete(ObjectRef.of(bucket, "staged/ledger/ACC-1/2026-11-25/b.csv"));
        handle("ACC-1", NIGHT_1);

        assertThat(result("ACC-1", NIGHT_1).counts().rejectedRows()).isZero();
        assertThat(keys("results/recon/2026-11-25/ACC-1/rejects/")).isEmpty();
    }

    @Test
    void an_unreadable_staged_object_fails_the_job_naming_it() {
        store.put(ObjectRef.of(bucket, "staged/ledger/ACC-1/2026-11-25/gl.csv"),
                "not,a,ledger\n1,2,3\n".getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThatThrownBy(() -> handle("ACC-1", NIGHT_1)).hasMessageContaining("staged/ledger/ACC-1/2026-11-25/gl.csv");
    }

    @Test
    void open_items_keys_name_their_night() {
        assertThat(ReconConsumer.nightOf("open-items/ACC-1/2026-11-25/open_items.csv", "ACC-1")).contains(NIGHT_1);
        assertThat(ReconConsumer.nightOf("open-items/ACC-1/not-a-date/open_items.csv", "ACC-1")).isEmpty();
        assertThat(ReconConsumer.nightOf("open-items/ACC-12/2026-11-25/open_items.csv", "ACC-1")).isEmpty();
        assertThat(ReconConsumer.nightOf("open-items/ACC-1/2026-11-25/other.csv", "ACC-1")).isEmpty();
        assertThat(ReconConsumer.nightOf("open-items/ACC-1//open_items.csv", "ACC-1")).isEmpty();
        assertThat(S3OutputSink.contentType("a/b.bin")).isEqualTo("application/octet-stream");
    }

    private void handle(String account, LocalDate date) throws Exception {
        consumer.handle(new JobMessage("m", JsonCodec.write(ReconJob.of(account, date)), 1, JobTrace.none()));
    }

    private void stage(String side, String account, LocalDate date, String source, String rows) {
        store.put(ObjectRef.of(bucket, "staged/" + side + "/" + account + "/" + date + "/" + source + ".csv"),
                (HEADER + rows).getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    private static String row(String id, String account, LocalDate date, String amount, String reference) {
        return String.join(",", id, account, date.toString(), date.toString(), amount, "USD", "Acme", reference, "")
                + "\n";
    }

    private ReconciliationDocument result(String account, LocalDate date) {
        String key = "results/recon/" + date + "/" + account + "/result.json";
        return ReconciliationDocument.read(key, new java.io.ByteArrayInputStream(store.read(ObjectRef.of(bucket, key))));
    }

    private String text(String key) {
        return new String(store.read(ObjectRef.of(bucket, key)), StandardCharsets.UTF_8);
    }

    private List<String> keys(String prefix) {
        return store.list(bucket, prefix).stream().map(StoredObject::ref).map(ObjectRef::key).toList();
    }

    /** Every message on {@code queue}, read and deleted. */
    private static <T> List<T> received(String queue, Class<T> type) {
        List<T> jobs = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return jobs;
            }
            for (var message : messages) {
                jobs.add(JsonCodec.read(message.body(), type));
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
