package com.nightshift.common.worker;

/**
 * Does the work one message asks for. Returning normally means done: the message is deleted.
 * Throwing means not done: the message becomes visible again after a back-off, and after the
 * queue's maximum receive count SQS moves it to the dead-letter queue. Handlers must be idempotent,
 * because SQS delivers at least once.
 */
@FunctionalInterface
public interface JobHandler {
    void handle(JobMessage message) throws Exception;
}
