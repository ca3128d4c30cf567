package com.nightshift.common.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.worker.JobFailure;
import com.nightshift.common.worker.JobHandler;
import com.nightshift.common.worker.JobPublisher;
import com.nightshift.common.worker.SqsWorker;
import com.nightshift.common.worker.TaskProtection;
import com.nightshift.common.worker.WorkerSettings;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * Tracing of jobs through real SQS queues (the moto emulator): a span per job continuing the sender's trace
 * through the {@code AWSTraceHeader} system attribute, child spans for AWS calls and engine work, and errors.
 */
class JobTracingTest {

    private static final WorkerSettings FAST = new WorkerSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static final InMemorySpanExporter EXPORTED = InMemorySpanExporter.create();
    private static final Tracing TRACING = Tracing.exportingTo(() -> EXPORTED, "test-service");
    /** Clients that trace their calls, as a service's are. */
    private static AwsClients clients;
    private static SqsClient sqs;
    private static S3Client s3;

    @BeforeAll
    static void clients() {
        clients = new AwsClients(AWS.endpoint(), List.of(new AwsCallSpans(TRACING)));
        AWS.closedAfterAll(TRACING::close);
        sqs = AWS.closedAfterAll(clients.sqs());
        s3 = AWS.closedAfterAll(clients.s3());
    }

    @Test
    void a_job_and_the_job_it_sends_on_share_one_trace_through_the_aws_trace_header() {
        String first = queue("first");
        String second = queue("second");
        JobPublisher publisher = new JobPublisher(sqs);
        List<String> secondTraceIds = new CopyOnWriteArrayList<>();
        try (SqsWorker sender = worker("sender", first, m -> publisher.publish(second, Map.of("jobId", "j"), m.trace()));
                SqsWorker receiver = worker("receiver", second, m -> secondTraceIds.add(m.trace().traceId()))) {
            // Sent untraced, as S3 sends its event notifications: the sender's job starts the trace.
            sqs.sendMessage(b -> b.queueUrl(first).messageBody("{}"));
            SpanData received = awaitSpan("receiver job");
            SpanData sent = awaitSpan("sender job");
            assertThat(sent.getParentSpanContext().isValid()).isFalse();
            assertThat(received.getTraceId()).isEqualTo(sent.getTraceId());
            assertThat(received.getParentSpanId()).isEqualTo(sent.getSpanId());
            assertThat(received.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(secondTraceIds).containsExactly(sent.getTraceId());
        }
    }

    @Test
    void aws_calls_made_in_a_job_are_its_child_spans_naming_the_object() {
        s3.createBucket(b -> b.bucket("traced"));
        String queue = queue("objects");
        try (SqsWorker worker = worker("writer", queue,
                m -> s3.putObject(b -> b.bucket("traced").key("inbound/a.csv"), RequestBody.fromString("x")))) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{}"));
            SpanData job = awaitSpan("writer job");
            SpanData put = awaitSpan("S3.PutObject");
            assertThat(put.getParentSpanId()).isEqualTo(job.getSpanId());
            assertThat(put.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(put.getAttributes().asMap()).containsValues("traced", "inbound/a.csv");
        }
    }

    @Test
    void failed_job_is_still_a_span_with_error_status_and_the_message_is_retried() {
        String queue = queue("failing");
        List<Integer> deliveries = new CopyOnWriteArrayList<>();
        try (SqsWorker worker = worker("failing", queue, m -> {
            deliveries.add(m.receiveCount());
            throw new IllegalStateException("cannot do this job");
        })) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{}"));
            SpanData failed = awaitSpan("failing job");
            assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(failed.getStatus().getDescription()).contains("cannot do this job");
            assertThat(failed.getEvents()).anyMatch(event -> event.getName().equals("exception"));
            await(() -> deliveries.size() >= 2);
        }
    }

    @Test
    void engine_work_is_a_child_span_of_the_job_and_a_failure_in_it_marks_it_as_an_error() {
        String queue = queue("engine");
        try (SqsWorker worker = worker("engine", queue, m -> {
            assertThat(m.trace().span("reconcile", () -> "done")).isEqualTo("done");
            m.trace().span("render", () -> {
                throw new IOException("disk full");
            });
        })) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{}"));
            SpanData job = awaitSpan("engine job");
            SpanData reconcile = awaitSpan("reconcile");
            SpanData render = awaitSpan("render");
            assertThat(reconcile.getParentSpanId()).isEqualTo(job.getSpanId());
            assertThat(reconcile.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(render.getParentSpanId()).isEqualTo(job.getSpanId());
            assertThat(render.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        }
    }

    @Test
    void logs_of_a_job_carry_its_trace_id_in_both_forms() {
        String queue = queue("logged");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (SqsWorker worker = worker("logged", queue, m -> {
            seen.add(MDC.get("traceId"));
            seen.add(MDC.get("xrayTraceId"));
            seen.add(m.trace().traceId());
        })) {
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{}"));
            await(() -> seen.size() == 3);
        }
        String traceId = seen.get(2);
        assertThat(seen.get(0)).isEqualTo(traceId);
        assertThat(seen.get(1)).isEqualTo("1-" + traceId.substring(0, 8) + "-" + traceId.substring(8));
    }

    @Test
    void without_a_collector_spans_are_dropped_but_a_received_trace_is_passed_on() {
        String traceId = "5759e988bd862e3fe1be46a994272793";
        String queue = queue("untraced");
        List<String> received = new CopyOnWriteArrayList<>();
        Tracing none = Tracing.forEndpoint(" ", "test-service");
        assertThat(none).isSameAs(Tracing.NONE);
        try (SqsWorker worker = new SqsWorker("untraced", sqs, queue, m -> received.add(m.trace().traceId()), FAST,
                TaskProtection.none(), JobFailure.Listener.none(), none)) {
            worker.start();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("{}").messageSystemAttributes(Map.of(
                    MessageSystemAttributeNameForSends.AWS_TRACE_HEADER, MessageSystemAttributeValue.builder()
                            .dataType("String").stringValue("Root=1-5759e988-bd862e3fe1be46a994272793;"
                                    + "Parent=53995c3f42cd8ad8;Sampled=1").build())));
            await(() -> received.size() == 1);
        }
        assertThat(received).containsExactly(traceId);
    }

    @Test
    void a_received_message_is_sent_on_in_its_trace_and_an_untraced_one_without_a_header() {
        String header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        Message traced = Message.builder().attributes(Map.of(MessageSystemAttributeName.AWS_TRACE_HEADER, header)).build();
        assertThat(SqsTraceHeader.of(traced)).containsEntry(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder().dataType("String").stringValue(header).build());
        assertThat(SqsTraceHeader.of(Message.builder().build())).isEmpty();
    }

    @Test
    void new_trace_ids_start_with_the_epoch_second_as_x_ray_requires() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(0x6740a1b2L), ZoneOffset.UTC);
        String traceId = new XrayIdGenerator(clock).generateTraceId();
        assertThat(traceId).hasSize(32).startsWith("6740a1b2").isNotEqualTo(new XrayIdGenerator(clock).generateTraceId());
    }

    @Test
    void spans_are_sent_to_the_collector_over_otlp_http_when_tracing_closes() throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LinkedBlockingQueue<String> requests = new LinkedBlockingQueue<>();
        collector.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(body, StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            Tracing tracing = Tracing.forEndpoint("http://127.0.0.1:" + collector.getAddress().getPort(), "recon-service");
            new JobTrace(tracing.tracer(), io.opentelemetry.context.Context.root()).span("reconcile", () -> 1);
            tracing.close();
            String request = requests.poll(10, TimeUnit.SECONDS);
            // OTLP protobuf keeps strings as UTF-8 bytes: the span and service names are readable in the body.
            assertThat(request).startsWith("POST /v1/traces application/x-protobuf")
                    .contains("reconcile").contains("recon-service");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void a_span_started_after_close_is_not_sent() {
        Tracing tracing = Tracing.exportingTo(InMemorySpanExporter::create, "closed");
        tracing.close();
        assertThat(tracing.tracer().spanBuilder("late").startSpan().isRecording()).isFalse();
    }

    private static SqsWorker worker(String name, String queue, JobHandler handler) {
        SqsWorker worker = new SqsWorker(name, sqs, queue, handler, FAST, TaskProtection.none(),
                JobFailure.Listener.none(), TRACING);
        worker.start();
        return worker;
    }

    private static String queue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static SpanData awaitSpan(String name) {
        await(() -> {
            TRACING.flush();
            return EXPORTED.getFinishedSpanItems().stream().anyMatch(s -> s.getName().equals(name));
        });
        return span(name);
    }

    private static SpanData span(String name) {
        return EXPORTED.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
