package com.nightshift.common.trace;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.contrib.awsxray.propagator.AwsXrayPropagator;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeNameForSends;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;

/**
 * The trace context on an SQS message: the {@code AWSTraceHeader} system attribute, in X-Ray's format
 * ({@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1}). SQS keeps it apart
 * from the message attributes, so it costs none of their ten, and X-Ray links the sender and the receiver
 * through it. The moto emulator keeps it too, so the local stack needs no other carrier.
 */
public final class SqsTraceHeader {

    /** The attribute to ask for on receive. */
    public static final MessageSystemAttributeName RECEIVE = MessageSystemAttributeName.AWS_TRACE_HEADER;
    private static final TextMapPropagator XRAY = AwsXrayPropagator.getInstance();
    private static final TextMapGetter<String> HEADER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String header) {
            return XRAY.fields();
        }

        @Override
        public String get(String header, String key) {
            // The propagator reads one field, X-Amzn-Trace-Id: the attribute is that header's value.
            return header;
        }
    };

    private SqsTraceHeader() {
    }

    /** The system attributes that carry {@code context} on SendMessage; none when it has no valid span. */
    public static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> of(Context context) {
        Map<String, String> headers = new HashMap<>();
        XRAY.inject(context, headers, Map::put);
        return headers.values().stream().findFirst()
                .map(value -> Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                        MessageSystemAttributeValue.builder().dataType("String").stringValue(value).build()))
                .orElse(Map.of());
    }

    /** The system attributes that send {@code received} on in the trace it came in (none if it came untraced). */
    public static Map<MessageSystemAttributeNameForSends, MessageSystemAttributeValue> of(Message received) {
        String header = received.attributes().get(RECEIVE);
        return header == null ? Map.of() : Map.of(MessageSystemAttributeNameForSends.AWS_TRACE_HEADER,
                MessageSystemAttributeValue.builder().dataType("String").stringValue(header).build());
    }

    /** The context {@code message} was sent in, or the root context when it carries none (or a malformed one). */
    public static Context from(Message message) {
        String header = message.attributes().get(RECEIVE);
        return header == null ? Context.root() : XRAY.extract(Context.root(), header, HEADER);
    }
}
