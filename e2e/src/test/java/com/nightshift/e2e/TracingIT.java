package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nightshift.e2e.SpanReceiver.ReceivedSpan;
import com.nightshift.local.StackDriver;

/**
 * One file's journey is one trace: the ledger uploaded for a night is ingested, reconciled and reported, and
 * the positions uploaded for a date are ingested, run through VaR and reported; every stage's spans (its job,
 * the AWS calls and the engine work in it) share the trace the upload started, each stage's job continuing
 * from the job that sent it its message (the SQS {@code AWSTraceHeader}). Accounts and dates are ones no
 * other test uses. Needs the local stack, whose spans it receives.
 */
@ExtendWith(StackUnderTest.class)
class TracingIT {

    private static final String ACCOUNT = "ACC-7001";
    private static final String DATE = "2026-12-08";
    private static final String LEDGER_KEY = "inbound/ledger/ledger-" + ACCOUNT + "-" + DATE + ".csv";
    private static final String LEDGER = """
            entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description
            L-7001-1,%1$s,%2$s,%2$s,100.00,EUR,Alpha,REF-1,First
            L-7001-2,%1$s,%2$s,%2$s,200.00,EUR,Beta,REF-2,Second
            """.formatted(ACCOUNT, DATE);
    private static final java.time.LocalDate RISK_DATE = java.time.LocalDate.of(2026, 12, 14);
    private static final String PRICES_KEY = "inbound/market-data/prices-" + RISK_DATE + ".csv";
    private static final String STAGED_PRICES = "staged/market-data/" + RISK_DATE + "/market-data~prices-" + RISK_DATE + ".csv";
    private static final String POSITIONS_KEY = "inbound/positions/positions-" + RISK_DATE + ".csv";
    /** Spans are exported in batches every few seconds after they end. */
    private static final Duration EXPORTED_WITHIN = Duration.ofSeconds(30);

    @Test
    void an_uploaded_file_is_one_trace_through_ingestion_reconciliation_and_reporting(StackDriver stack,
            SpanReceiver receiver) {
        assumeTrue(stack.localStack().isPresent(), "needs the local stack, whose spans this test receives");
        Instant uploaded = Instant.now();
        stack.upload(LEDGER_KEY, LEDGER.getBytes(StandardCharsets.UTF_8));
        stack.awaitObjects(stack.outputs().outputBucket(), List.of("reports/reconciliation-" + DATE + ".pdf"), uploaded,
                Duration.ofMinutes(2));

        // The trace is the one in which ingestion read the uploaded file.
        List<ReceivedSpan> trace = awaitTrace(stack, receiver, LEDGER_KEY, "recon job");

        List<ReceivedSpan> ingests = jobs(trace, "ingestion-service", "ingest job");
        List<ReceivedSpan> recons = jobs(trace, "processing-service", "recon job");
        List<ReceivedSpan> reports = jobs(trace, "reporting-service", "report job");
        assertThat(ingests).as("one ingestion of the upload").hasSize(1);
        ReceivedSpan ingest = ingests.getFirst();
        assertThat(ingest.parentSpanId()).as("the upload starts the trace").isEmpty();
        // Recon may ask for the next night too (open items changed): that job continues from this one.
        assertThat(recons).allMatch(r -> r.isChildOf(ingest) || recons.stream().anyMatch(r::isChildOf));
        assertThat(reports).allMatch(r -> recons.stream().anyMatch(r::isChildOf));
        ReceivedSpan recon = recons.stream().filter(r -> r.isChildOf(ingest)).findFirst().orElseThrow();
        ReceivedSpan report = reports.stream().filter(r -> r.isChildOf(recon)).findFirst().orElseThrow();

        assertStage(trace, ingest, "ingest", "S3.GetObject", "S3.PutObject", "Sqs.SendMessage");
        assertStage(trace, recon, "reconcile", "S3.ListObjectsV2", "S3.PutObject", "Sqs.SendMessage");
        assertStage(trace, report, "render", "S3.GetObject", "S3.PutObject");
        // A client span may be an error where a miss is expected (a GET of an object not there yet); no job failed.
        assertThat(trace).filteredOn(s -> s.kind().equals("SPAN_KIND_CONSUMER")).extracting(ReceivedSpan::status)
                .doesNotContain("STATUS_CODE_ERROR");
    }

    @Test
    void a_positions_upload_is_one_trace_through_ingestion_risk_and_reporting(StackDriver stack,
            SpanReceiver receiver) {
        assumeTrue(stack.localStack().isPresent(), "needs the local stack, whose spans this test receives");
        // The price history first, staged before the positions arrive: the positions' ingestion is then the one
        // that finds a complete run and sends the risk job.
        Instant start = Instant.now();
        stack.upload(PRICES_KEY, ShardedRiskIT.prices(RISK_DATE).getBytes(StandardCharsets.UTF_8));
        stack.awaitObjects(stack.outputs().stagingBucket(), List.of(STAGED_PRICES), start, Duration.ofMinutes(1));
        // Including the risk job the prices' ingestion sent, which finds no positions and waits for them.
        assertThat(stack.awaitQuiet(Duration.ofMinutes(2))).as("the prices' jobs done").isTrue();
        Instant uploaded = Instant.now();
        stack.upload(POSITIONS_KEY, ShardedRiskIT.positions().getBytes(StandardCharsets.UTF_8));
        stack.awaitObjects(stack.outputs().outputBucket(), List.of("reports/risk-" + RISK_DATE + ".pdf"), uploaded,
                Duration.ofMinutes(3));

        List<ReceivedSpan> trace = awaitTrace(stack, receiver, POSITIONS_KEY, "risk job");

        List<ReceivedSpan> ingests = jobs(trace, "ingestion-service", "ingest job");
        List<ReceivedSpan> risks = jobs(trace, "risk-calculation", "risk job");
        List<ReceivedSpan> reports = jobs(trace, "reporting-service", "report job");
        assertThat(ingests).as("one ingestion of the positions").hasSize(1);
        ReceivedSpan ingest = ingests.getFirst();
        assertThat(ingest.parentSpanId()).as("the upload starts the trace").isEmpty();
        assertStage(trace, ingest, "ingest", "S3.GetObject", "S3.PutObject", "Sqs.SendMessage");
        // The risk job ingestion sent runs the VaR, or plans it in shards whose jobs (and the merge's) continue
        // from it; the job that wrote the results sent the report its job.
        assertThat(risks).anyMatch(r -> r.isChildOf(ingest));
        assertThat(risks).allMatch(r -> r.isChildOf(ingest) || risks.stream().anyMatch(r::isChildOf));
        ReceivedSpan report = reports.stream().filter(r -> risks.stream().anyMatch(r::isChildOf)).findFirst()
                .orElseThrow(() -> new AssertionError("no report job continuing a risk job in " + trace));
        ReceivedSpan writer = risks.stream().filter(report::isChildOf).findFirst().orElseThrow();
        boolean sharded = trace.stream().anyMatch(s -> s.name().equals("merge"));
        assertStage(trace, writer, sharded ? "merge" : "simulate", "S3.PutObject", "Sqs.SendMessage");
        assertThat(trace).filteredOn(s -> s.name().equals("simulate"))
                .as("the simulation's spans, each under a risk job").isNotEmpty()
                .allMatch(s -> risks.stream().anyMatch(s::isChildOf));
        assertStage(trace, report, "render", "S3.GetObject", "S3.PutObject");
        assertThat(trace).filteredOn(s -> s.kind().equals("SPAN_KIND_CONSUMER")).extracting(ReceivedSpan::status)
                .doesNotContain("STATUS_CODE_ERROR");
    }

    /**
     * The trace in which ingestion read {@code key}, once it holds the ingestion's job, {@code middleJob}, the
     * report's job and rendering, and the parent of every span: each service exports its spans in batches
     * of its own.
     */
    private static List<ReceivedSpan> awaitTrace(StackDriver stack, SpanReceiver receiver, String key,
            String middleJob) {
        String[] traceId = new String[1];
        try {
            stack.await("the spans of " + key + " through its report", EXPORTED_WITHIN, () -> {
                traceId[0] = receiver.spans(s -> s.name().equals("S3.GetObject") && key.equals(s.attributes()
                        .get("aws.s3.key"))).stream().map(ReceivedSpan::traceId).findFirst().orElse("");
                List<ReceivedSpan> trace = receiver.spans(s -> s.traceId().equals(traceId[0]));
                // Every parent in too: a span reaches the receiver after it ends, and a job ends after the job
                // it sent may have finished (the risk stage's shard and merge jobs among them).
                return java.util.stream.Stream.of("ingest job", middleJob, "report job", "render")
                        .allMatch(name -> trace.stream().anyMatch(s -> s.name().equals(name)))
                        && trace.stream().allMatch(s -> s.parentSpanId().isEmpty()
                                || trace.stream().anyMatch(s::isChildOf));
            });
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "; trace '" + traceId[0] + "' has "
                    + receiver.spans(s -> s.traceId().equals(traceId[0])) + "; " + receiver.spans(s -> true).size()
                    + " spans received in all, in " + receiver.requests() + " requests to " + receiver.endpoint()
                    + "; requests not read: " + receiver.failures(), e);
        }
        return receiver.spans(s -> s.traceId().equals(traceId[0]));
    }

    /** The job spans of {@code service} in {@code trace}: consumer spans of that name, at least one. */
    private static List<ReceivedSpan> jobs(List<ReceivedSpan> trace, String service, String name) {
        List<ReceivedSpan> jobs = trace.stream().filter(s -> s.service().equals(service) && s.name().equals(name))
                .toList();
        assertThat(jobs).as(name + " spans of " + service + " in trace " + trace).isNotEmpty();
        assertThat(jobs).extracting(ReceivedSpan::kind).containsOnly("SPAN_KIND_CONSUMER");
        return jobs;
    }

    /**
     * {@code job}'s engine span is its child, and its AWS calls are client spans below the job (directly or
     * under the engine span), of the same service.
     */
    private static void assertStage(List<ReceivedSpan> trace, ReceivedSpan job, String engine, String... awsCalls) {
        Optional<ReceivedSpan> engineSpan = trace.stream()
                .filter(s -> s.name().equals(engine) && s.isChildOf(job)).findFirst();
        assertThat(engineSpan).as(engine + " span under " + job.name()).isPresent();
        List<ReceivedSpan> calls = trace.stream()
                .filter(s -> s.isChildOf(job) || s.isChildOf(engineSpan.get()))
                .filter(s -> s.kind().equals("SPAN_KIND_CLIENT"))
                .toList();
        assertThat(calls).as("AWS calls under " + job.name()).extracting(ReceivedSpan::name).contains(awsCalls);
        assertThat(calls).extracting(ReceivedSpan::service).containsOnly(job.service());
    }
}
