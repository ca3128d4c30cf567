package com.nightshift.common.trace;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}) carried from stage to stage as an SQS message attribute,
 * so that one night's file can be followed through every log line and span it caused.
 *
 * <p>New trace ids start with the current epoch second in their first 8 hex digits, the form AWS
 * X-Ray requires, and are random in the other 24, so they are valid W3C and X-Ray ids alike.
 * {@code parentSpanId} is the span of the stage that sent the message, empty for a new trace.
 */
public record TraceContext(String traceId, String spanId, String parentSpanId) {

    public static final String ATTRIBUTE = "traceparent";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static TraceContext newTrace() {
        return newTrace(Instant.now());
    }

    static TraceContext newTrace(Instant now) {
        String epochSeconds = String.format("%08x", now.getEpochSecond() & 0xffffffffL);
        return new TraceContext(epochSeconds + randomHex(12), randomHex(8), "");
    }

    /** Continues {@code traceparent} when it is valid, as a child span; starts a new trace otherwise. */
    public static TraceContext continueFrom(Optional<String> traceparent) {
        return traceparent.map(TRACEPARENT::matcher)
                .filter(m -> m.matches())
                .map(m -> new TraceContext(m.group(1), randomHex(8), m.group(2)))
                .orElseGet(TraceContext::newTrace);
    }

    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
