package com.nightshift.common.worker;

import com.nightshift.common.trace.TraceContext;

/**
 * One SQS message as a handler sees it: the body, how many times SQS has delivered it (1 on the first
 * delivery), and the trace it belongs to.
 */
public record JobMessage(String messageId, String body, int receiveCount, TraceContext trace) {
}
