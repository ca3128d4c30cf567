package com.nightshift.common.trace;

/** Where finished spans go. Sending never throws and never blocks the job that made the span. */
@FunctionalInterface
public interface SpanSender {

    /** Drops every span: for runs without a collector. */
    SpanSender NONE = span -> { };

    void send(Span span);
}
