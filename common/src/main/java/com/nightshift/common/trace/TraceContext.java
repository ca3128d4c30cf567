package com.nightshift.common.trace;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C trace context ({@code traceparent}) carried from stage to stage as an SQS message attribute,
 * so that one night's file can be followed through every log line it caused.
 */
public record TraceContext(String traceId, String spanId) {

    public static final String ATTRIBUTE = "traceparent";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static TraceContext newTrace() {
        return new TraceContext(randomHex(16), randomHex(8));
    }

    /** Continues {@code traceparent} when it is valid; starts a new trace otherwise. */
    public static TraceContext continueFrom(Optional<String> traceparent) {
        return traceparent.map(TRACEPARENT::matcher)
                .filter(m -> m.matches())
                .map(m -> new TraceContext(m.group(1), randomHex(8)))
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
