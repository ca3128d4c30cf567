package com.nightshift.ingestion.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.UnreadableFileException;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.job.ReconJob;
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

/** Ingesting against S3 and SQS semantics (the moto emulator). */
class IngestConsumerTest {

    private static final BusinessMetrics METRICS = BusinessMetrics.to(line -> { }, "Nightshift/test",
            "ingestion-service", Clock.systemUTC());

    private static final String HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final String KEY = "inbound/statements/bank.csv";

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static S3Client s3;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        s3 = AWS.client(AwsClients::s3);
        sqs = AWS.client(AwsClients::sqs);
    }

    @Test
    void a_corrected_file_that_no_longer_has_an_account_and_date_removes_it_and_reconciles_it_again() throws Exception {
        s3.createBucket(b -> b.bucket("data"));
        s3.createBucket(b -> b.bucket("staging"));
        String ingest = sqs.createQueue(b -> b.queueName("ingest")).queueUrl();
        String recon = sqs.createQueue(b -> b.queueName("recon")).queueUrl();
        String risk = sqs.createQueue(b -> b.queueName("risk")).queueUrl();
        ObjectStore store = new ObjectStore(s3);
        IngestConsumer consumer = new IngestConsumer(store, new JobPublisher(sqs), ManifestSigner.withKey("k"), METRICS,
                ingest, "data", "staging", recon, risk);

        store.put(ObjectRef.of("data", KEY), (HEADER
                + "S-1,ACC-1,2026-11-25,2026-11-25,10.00,USD,Acme,INV-1,\n").getBytes(StandardCharsets.UTF_8), "text/csv");
        consumer.handle(event());
        assertThat(received(recon)).containsExactly(ReconJob.of("ACC-1", LocalDate.of(2026, 11, 25)));

        store.put(ObjectRef.of("data", KEY), (HEADER
                + "S-1,ACC-1,2026-11-27,2026-11-27,10.00,USD,Acme,INV-1,\n").getBytes(StandardCharsets.UTF_8), "text/csv");
        consumer.handle(event());

        assertThat(store.list("staging", "staged/statement/ACC-1/").stream().map(StoredObject::ref).map(ObjectRef::key))
                .containsExactly("staged/statement/ACC-1/2026-11-27/statements~bank.csv");
        assertThat(received(recon)).containsExactlyInAnyOrder(ReconJob.of("ACC-1", LocalDate.of(2026, 11, 25)),
                ReconJob.of("ACC-1", LocalDate.of(2026, 11, 27)));
        assertThat(received(risk)).isEmpty();
    }

    @Test
    void an_ingested_file_reports_its_accepted_and_rejected_rows_by_input_type() throws Exception {
        s3.createBucket(b -> b.bucket("data-metrics"));
        s3.createBucket(b -> b.bucket("staging-metrics"));
        List<String> lines = new ArrayList<>();
        ObjectStore store = new ObjectStore(s3);
        IngestConsumer consumer = new IngestConsumer(store, new JobPublisher(sqs), ManifestSigner.withKey("k"),
                BusinessMetrics.to(lines::add, "Nightshift/test", "ingestion-service", Clock.systemUTC()),
                "ingest", "data-metrics", "staging-metrics",
                sqs.createQueue(b -> b.queueName("recon-metrics")).queueUrl(),
                sqs.createQueue(b -> b.queueName("risk-metrics")).queueUrl());
        store.put(ObjectRef.of("data-metrics", KEY), (HEADER
                + "S-1,ACC-1,2026-11-25,2026-11-25,10.00,USD,Acme,INV-1,\n"
                + "S-2,ACC-1,2026-11-25,2026-11-25,not-an-amount,USD,Acme,INV-2,\n").getBytes(StandardCharsets.UTF_8),
                "text/csv");

        consumer.handle(event("data-metrics", 1));

        assertThat(lines).hasSize(1);
        JsonNode document = JsonCodec.tree(lines.get(0).getBytes(StandardCharsets.UTF_8));
        assertThat(document.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Nightshift/test");
        assertThat(document.get("Service").asText()).isEqualTo("ingestion-service");
        assertThat(document.get("InputType").asText()).isEqualTo("STATEMENT");
        assertThat(document.get("RowsIngested").asLong()).isEqualTo(1);
        assertThat(document.get("RowsRejected").asLong()).isEqualTo(1);
    }

    @Test
    void a_file_replaced_while_it_is_ingested_is_ingested_again_so_the_newer_version_wins() throws Exception {
        s3.createBucket(b -> b.bucket("data-race"));
        s3.createBucket(b -> b.bucket("staging-race"));
        String recon = sqs.createQueue(b -> b.queueName("recon-race")).queueUrl();
        ObjectStore store = new ObjectStore(s3);
        byte[] older = (HEADER + "S-1,ACC-2,2026-11-25,2026-11-25,10.00,USD,Acme,INV-1,\n").getBytes(StandardCharsets.UTF_8);
        byte[] newer = (HEADER + "S-1,ACC-2,2026-11-27,2026-11-27,10.00,USD,Acme,INV-1,\n"
                + "S-2,ACC-2,2026-11-27,2026-11-27,20.00,USD,Acme,INV-2,\n").getBytes(StandardCharsets.UTF_8);
        store.put(ObjectRef.of("data-race", KEY), older, "text/csv");
        // The newer version is uploaded while the consumer writes what it made of the older one: at its first write.
        AtomicBoolean replaced = new AtomicBoolean();
        S3Client racing = (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("putObject") && replaced.compareAndSet(false, true)) {
                        store.put(ObjectRef.of("data-race", KEY), newer, "text/csv");
                    }
                    try {
                        return method.invoke(s3, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        IngestConsumer consumer = new IngestConsumer(new ObjectStore(racing), new JobPublisher(sqs),
                ManifestSigner.withKey("k"), METRICS, "ingest", "data-race", "staging-race", recon, "risk");

        consumer.handle(event("data-race"));

        assertThat(replaced).isTrue();
        assertThat(store.list("staging-race", "staged/statement/ACC-2/").stream().map(StoredObject::ref).map(ObjectRef::key))
                .containsExactly("staged/statement/ACC-2/2026-11-27/statements~bank.csv");
        assertThat(new String(store.read(ObjectRef.of("staging-race", "staged/statement/ACC-2/2026-11-27/statements~bank.csv")),
                StandardCharsets.UTF_8).lines()).hasSize(3);
        assertThat(received(recon)).containsExactlyInAnyOrder(ReconJob.of("ACC-2", LocalDate.of(2026, 11, 25)),
                ReconJob.of("ACC-2", LocalDate.of(2026, 11, 27)));
    }

    @Test
    void a_file_over_the_size_limit_is_refused_by_the_size_in_its_event_before_it_is_downloaded() {
        s3.createBucket(b -> b.bucket("data-huge"));
        IngestConsumer consumer = new IngestConsumer(new ObjectStore(s3), new JobPublisher(sqs), ManifestSigner.withKey("k"),
                METRICS, "ingest", "data-huge", "staging", "recon", "risk");

        // No such object: a download would fail differently; the refusal comes first, from the size alone.
        assertThatThrownBy(() -> consumer.handle(event(2L << 30)))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessage(KEY + ": file is larger than the limit of 1073741824 bytes (at least 2147483648 bytes)");
    }

    private static JobMessage event() {
        return event(1);
    }

    private static JobMessage event(long size) {
        return event("data", size);
    }

    private static JobMessage event(String bucket) {
        return event(bucket, 1);
    }

    private static JobMessage event(String bucket, long size) {
        String body = """
                {"version":"0","id":"e","detail-type":"Object Created","source":"aws.s3",
                 "account":"123456789012","time":"2026-11-25T22:00:00Z","region":"us-east-1",
                 "resources":["arn:aws:s3:::%s"],
                 "detail":{"version":"0","bucket":{"name":"%s"},"object":{"key":"%s","size":%d},"reason":"PutObject"}}
                """.formatted(bucket, bucket, KEY, size);
        return new JobMessage("m", body, 1, JobTrace.none());
    }

    private static List<ReconJob> received(String queue) {
        List<ReconJob> jobs = new ArrayList<>();
        while (true) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0))
                    .messages();
            if (messages.isEmpty()) {
                return jobs;
            }
            for (var message : messages) {
                jobs.add(JsonCodec.read(message.body(), ReconJob.class));
                sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
