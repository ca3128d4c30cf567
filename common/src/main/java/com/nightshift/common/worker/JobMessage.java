package com.nightshift.common.worker;

import com.nightshift.common.trace.JobTrace;

/**
 * One SQS message as a handler sees it: the body, how many times SQS has delivered it (1 on the first
 * delivery), and where it stands in its trace.
 */
public record JobMessage(String messageId, String body, int receiveCount, JobTrace trace) {
}
