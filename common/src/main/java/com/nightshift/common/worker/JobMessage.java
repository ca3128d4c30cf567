package com.nightshift.common.worker;

import java.time.Instant;

import com.nightshift.common.trace.JobTrace;

/**
 * One SQS message as a handler sees it: the body, how many times SQS has delivered it (1 on the first
 * delivery), where it stands in its trace, and when it was sent (SQS's {@code SentTimestamp}; null when
 * unknown).
 */
public record JobMessage(String messageId, String body, int receiveCount, JobTrace trace, Instant sentAt) {

    /** A message whose sending time is unknown. */
    public JobMessage(String messageId, String body, int receiveCount, JobTrace trace) {
        this(messageId, body, receiveCount, trace, null);
    }
}
