package com.nightshift.common.trace;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.json.JsonCodec;

/**
 * Sends spans to an OpenTelemetry collector over OTLP/HTTP with JSON encoding
 * ({@code POST <endpoint>/v1/traces}), the collector sidecar in each task relaying them to AWS X-Ray.
 * Fire and forget: a span that cannot be delivered is dropped, and the first failure is logged once,
 * because tracing must never slow or fail a job.
 */
public final class OtlpSpanSender implements SpanSender {

    /** The standard OpenTelemetry variable; the task definition points it at the collector sidecar. */
    public static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private static final Logger LOG = LoggerFactory.getLogger(OtlpSpanSender.class);
    private static final int SPAN_KIND_CONSUMER = 5;
    private static final int STATUS_ERROR = 2;

    private final URI tracesUri;
    private final String serviceName;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public OtlpSpanSender(URI endpoint, String serviceName) {
        String base = endpoint.toString().endsWith("/") ? endpoint.toString() : endpoint + "/";
        this.tracesUri = URI.create(base).resolve("v1/traces");
        this.serviceName = serviceName;
    }

    /** An OTLP sender when {@code endpoint} is set, {@link SpanSender#NONE} when it is blank. */
    public static SpanSender forEndpoint(String endpoint, String serviceName) {
        return endpoint == null || endpoint.isBlank() ? NONE : new OtlpSpanSender(URI.create(endpoint.trim()), serviceName);
    }

    @Override
    public void send(Span span) {
        HttpRequest request = HttpRequest.newBuilder(tracesUri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonCodec.write(payload(span))))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() >= 300) {
                if (failureLogged.compareAndSet(false, true)) {
                    LOG.warn("spans are not reaching {} ({}); dropping them", tracesUri,
                            failure != null ? failure.toString() : "HTTP " + response.statusCode());
                }
            }
        });
    }

    /** The OTLP/JSON ExportTraceServiceRequest for one span. */
    Map<String, Object> payload(Span span) {
        List<Map<String, Object>> attributes = new ArrayList<>();
        span.attributes().forEach((key, value) -> attributes.add(attribute(key, value)));
        Map<String, Object> otlpSpan = new java.util.LinkedHashMap<>();
        otlpSpan.put("traceId", span.context().traceId());
        otlpSpan.put("spanId", span.context().spanId());
        if (!span.context().parentSpanId().isEmpty()) {
            otlpSpan.put("parentSpanId", span.context().parentSpanId());
        }
        otlpSpan.put("name", span.name());
        otlpSpan.put("kind", SPAN_KIND_CONSUMER);
        otlpSpan.put("startTimeUnixNano", Long.toString(nanos(span.start())));
        otlpSpan.put("endTimeUnixNano", Long.toString(nanos(span.end())));
        otlpSpan.put("attributes", attributes);
        otlpSpan.put("status", span.error().<Map<String, Object>>map(message -> Map.of("code", STATUS_ERROR,
                "message", message)).orElse(Map.of()));
        return Map.of("resourceSpans", List.of(Map.of(
                "resource", Map.of("attributes", List.of(attribute("service.name", serviceName))),
                "scopeSpans", List.of(Map.of("scope", Map.of("name", "com.nightshift"), "spans", List.of(otlpSpan))))));
    }

    private static Map<String, Object> attribute(String key, String value) {
        return Map.of("key", key, "value", Map.of("stringValue", value));
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
