package com.nightshift.common.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.worker.JobMessage;
import com.sun.net.httpserver.HttpServer;

class TracingTest {

    @Test
    void new_trace_ids_start_with_the_epoch_second_as_x_ray_requires() {
        TraceContext trace = TraceContext.newTrace(Instant.ofEpochSecond(0x6740a1b2L));
        assertThat(trace.traceId()).hasSize(32).startsWith("6740a1b2");
        assertThat(trace.parentSpanId()).isEmpty();
    }

    @Test
    void continued_trace_keeps_the_trace_id_and_records_the_senders_span_as_parent() {
        TraceContext sender = TraceContext.newTrace();
        TraceContext child = TraceContext.continueFrom(Optional.of(sender.traceparent()));
        assertThat(child.traceId()).isEqualTo(sender.traceId());
        assertThat(child.parentSpanId()).isEqualTo(sender.spanId());
        assertThat(child.spanId()).isNotEqualTo(sender.spanId());
    }

    @Test
    void malformed_traceparent_starts_a_new_trace() {
        assertThat(TraceContext.continueFrom(Optional.of("garbage")).parentSpanId()).isEmpty();
    }

    @Test
    void failed_job_is_recorded_as_an_error_span_and_still_fails() {
        List<Span> spans = new CopyOnWriteArrayList<>();
        TracedJobHandler handler = new TracedJobHandler(m -> {
            throw new IllegalStateException("no statement");
        }, spans::add, "recon", "http://127.0.0.1/000000000000/sqs-recon-dev");
        JobMessage message = new JobMessage("m-1", "{}", 2, TraceContext.newTrace());
        assertThatThrownBy(() -> handler.handle(message)).hasMessage("no statement");
        assertThat(spans).singleElement().satisfies(span -> {
            assertThat(span.name()).isEqualTo("recon job");
            assertThat(span.error()).contains("IllegalStateException: no statement");
            assertThat(span.attributes()).containsEntry("messaging.destination.name", "sqs-recon-dev")
                    .containsEntry("nightshift.receive_count", "2");
        });
    }

    @Test
    void otlp_sender_posts_the_span_as_otlp_json_to_v1_traces() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> paths = new LinkedBlockingQueue<>();
        HttpServer collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.createContext("/", exchange -> {
            paths.add(exchange.getRequestURI().getPath());
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        try {
            TraceContext trace = TraceContext.continueFrom(Optional.of(TraceContext.newTrace().traceparent()));
            new OtlpSpanSender(URI.create("http://127.0.0.1:" + collector.getAddress().getPort()), "processing-service")
                    .send(new Span(trace, "recon job", Instant.ofEpochSecond(10), Instant.ofEpochSecond(11),
                            java.util.Map.of("k", "v"), Optional.empty()));
            String body = received.poll(10, TimeUnit.SECONDS);
            assertThat(paths.poll()).isEqualTo("/v1/traces");
            JsonNode span = JsonCodec.tree(body.getBytes(StandardCharsets.UTF_8))
                    .path("resourceSpans").get(0).path("scopeSpans").get(0).path("spans").get(0);
            assertThat(span.path("traceId").asText()).isEqualTo(trace.traceId());
            assertThat(span.path("parentSpanId").asText()).isEqualTo(trace.parentSpanId());
            assertThat(span.path("startTimeUnixNano").asText()).isEqualTo("10000000000");
            assertThat(body).contains("\"service.name\"").contains("processing-service");
        } finally {
            collector.stop(0);
        }
    }

    @Test
    void no_endpoint_means_spans_are_dropped() {
        assertThat(OtlpSpanSender.forEndpoint("", "x")).isSameAs(SpanSender.NONE);
    }
}
