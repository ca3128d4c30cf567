package com.nightshift.common.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * Where a job stands in its trace: the context of the job's span, from which the job's own work is
 * traced ({@link #span}) and which {@link com.nightshift.common.worker.JobPublisher} hands on to the next
 * stage's queue. Immutable.
 */
public final class JobTrace {

    private final Tracer tracer;
    private final Context context;

    public JobTrace(Tracer tracer, Context context) {
        this.tracer = tracer;
        this.context = context;
    }

    /** Outside any trace: spans of its work are dropped, and nothing is passed on. */
    public static JobTrace none() {
        return new JobTrace(TracerProvider.noop().get("none"), Context.root());
    }

    public Context context() {
        return context;
    }

    /** The trace id in OpenTelemetry's form (32 hex digits); all zeros outside a trace. */
    public String traceId() {
        return spanContext().getTraceId();
    }

    /** The trace id as X-Ray and CloudWatch show it: {@code 1-<8 hex digits>-<24 hex digits>}. */
    public String xrayTraceId() {
        String id = traceId();
        return "1-" + id.substring(0, 8) + "-" + id.substring(8);
    }

    /** True when the job belongs to a trace (its context came with the message, or a new trace was started). */
    public boolean traced() {
        return spanContext().isValid();
    }

    private SpanContext spanContext() {
        return Span.fromContext(context).getSpanContext();
    }

    /**
     * Does {@code work} in a child span named {@code name} (the engine's part of a job: {@code reconcile},
     * {@code simulate}, {@code render}), AWS calls made in it becoming its children. A failure marks the span
     * as an error and is rethrown.
     */
    public <T, E extends Exception> T span(String name, Work<T, E> work) throws E {
        Span span = tracer.spanBuilder(name).setParent(context).startSpan();
        try (Scope scope = span.makeCurrent()) {
            return work.run();
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.toString());
            throw e;
        } finally {
            span.end();
        }
    }

    /** Does {@code work}, which returns nothing, in a child span named {@code name}; see {@link #span(String, Work)}. */
    public <E extends Exception> void span(String name, Action<E> work) throws E {
        span(name, () -> {
            work.run();
            return null;
        });
    }

    /** A part of a job that returns nothing and may throw {@code E}. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    /** A part of a job that returns a result and may throw {@code E}. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }
}
