package com.nightshift.common.trace;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A client span for every AWS call made inside a job ({@code S3.GetObject}, {@code Sqs.SendMessage}, ...),
 * child of the span current on the calling thread, with the bucket and key or the queue it was about.
 * Calls outside a job (the worker's long polls, start-up) are not traced: they would each be a trace of
 * their own and say nothing about a file's journey.
 */
public final class AwsCallSpans implements ExecutionInterceptor {

    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("nightshift.trace.span");

    private final Tracing tracing;

    public AwsCallSpans(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        io.opentelemetry.context.Context parent = io.opentelemetry.context.Context.current();
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        SpanBuilder span = tracing.tracer().spanBuilder(service + "." + operation)
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("rpc.system", "aws-api")
                .setAttribute("rpc.service", service)
                .setAttribute("rpc.method", operation);
        SdkRequest request = context.request();
        request.getValueForField("Bucket", String.class).ifPresent(bucket -> span.setAttribute("aws.s3.bucket", bucket));
        request.getValueForField("Key", String.class).ifPresent(key -> span.setAttribute("aws.s3.key", key));
        request.getValueForField("QueueUrl", String.class).ifPresent(url -> span.setAttribute("aws.sqs.queue.url", url));
        attributes.putAttribute(SPAN, span.startSpan());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.setAttribute("http.response.status_code", (long) context.httpResponse().statusCode());
            span.end();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.recordException(context.exception());
            span.setStatus(StatusCode.ERROR, context.exception().toString());
            span.end();
        }
    }
}
