package com.nightshift.common.trace;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One finished unit of work (a job) in a trace: when it ran, what it was, and whether it failed.
 * Immutable.
 */
public record Span(TraceContext context, String name, Instant start, Instant end, Map<String, String> attributes,
        Optional<String> error) {

    public Span {
        attributes = Map.copyOf(attributes);
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("span " + name + " ends before it starts");
        }
    }
}
