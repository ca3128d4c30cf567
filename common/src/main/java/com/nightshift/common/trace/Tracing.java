package com.nightshift.common.trace;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The OpenTelemetry tracing of one service: spans go through a batch processor to an exporter (OTLP/HTTP to
 * the collector sidecar, which relays them to AWS X-Ray), trace ids are X-Ray ids, and the context crosses
 * queues in X-Ray's own header ({@link SqsTraceHeader}).
 *
 * <p>Built by hand rather than by the SDK's autoconfiguration, which scans the class path for providers, and
 * only when the first span is started: a service starts as fast with tracing as without. Without an
 * endpoint ({@link #NONE}) the tracer is the API's no-op one: spans cost nothing, and a received context
 * still passes through to the next queue.
 */
public final class Tracing implements AutoCloseable {

    /** The standard OpenTelemetry variable; the task definition points it at the collector sidecar. */
    public static final String ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT";
    /** Drops every span; for runs without a collector. */
    public static final Tracing NONE = new Tracing(null, "", "nowhere");
    private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);
    private static final String SCOPE = "com.nightshift";
    private static final Duration FLUSH_WITHIN = Duration.ofSeconds(10);

    private final SpanExporterFactory exporter;
    private final String serviceName;
    /** Where spans go, for the log. */
    private final String destination;
    private volatile SdkTracerProvider provider;
    private volatile Tracer tracer;
    private boolean closed;

    /** Makes the exporter when the first span is started, so that its classes load only then. */
    @FunctionalInterface
    public interface SpanExporterFactory {
        SpanExporter create();
    }

    private Tracing(SpanExporterFactory exporter, String serviceName, String destination) {
        this.exporter = exporter;
        this.serviceName = serviceName;
        this.destination = destination;
    }

    /**
     * Spans to the OTLP/HTTP collector at {@code endpoint} (its {@code /v1/traces}), as {@code serviceName};
     * {@link #NONE} when {@code endpoint} is blank.
     */
    public static Tracing forEndpoint(String endpoint, String serviceName) {
        if (endpoint == null || endpoint.isBlank()) {
            return NONE;
        }
        String base = endpoint.trim().endsWith("/") ? endpoint.trim() : endpoint.trim() + "/";
        return new Tracing(() -> OtlpHttpSpanExporter.builder().setEndpoint(base + "v1/traces").build(), serviceName,
                base + "v1/traces");
    }

    /** Spans to {@code exporter}, as {@code serviceName}. */
    public static Tracing exportingTo(SpanExporterFactory exporter, String serviceName) {
        return new Tracing(exporter, serviceName, exporter.toString());
    }

    /** The tracer of this service's spans; the first call builds the SDK. */
    public Tracer tracer() {
        Tracer current = tracer;
        if (current == null) {
            current = build();
        }
        return current;
    }

    private synchronized Tracer build() {
        if (tracer != null) {
            return tracer;
        }
        if (exporter == null || closed) {
            tracer = TracerProvider.noop().get(SCOPE);
            return tracer;
        }
        provider = SdkTracerProvider.builder()
                .setIdGenerator(new XrayIdGenerator(Clock.systemUTC()))
                .setResource(Resource.create(Attributes.of(
                        AttributeKey.stringKey("service.name"), serviceName)))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter.create()).build())
                .build();
        tracer = provider.get(SCOPE);
        LOG.info("spans of {} go to {}", serviceName, destination);
        return tracer;
    }

    /** Sends the spans ended so far, waiting up to 10 s. */
    public void flush() {
        SdkTracerProvider current = provider;
        if (current != null) {
            current.forceFlush().join(FLUSH_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends the spans ended so far and stops; spans started later are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (provider != null) {
            provider.shutdown().join(FLUSH_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
