package com.nightshift.common.worker;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.job.JobIds;
import com.nightshift.common.json.JsonCodec;

/**
 * A job whose handler threw: which worker and queue, which message and job, on which delivery, and what
 * went wrong in one short line. The line is the exception's type and the first line of its message, cut
 * at {@value #MAX_ERROR_LENGTH} characters: enough to tell a bad file from a bug, too little to carry a
 * customer row, and never a stack trace (which goes to the log).
 *
 * @param worker          the worker's name, e.g. {@code report}
 * @param queueUrl        the queue the message came from
 * @param messageId       the SQS message id
 * @param jobId           the job id the message body names, empty when it names none (or is no job at all)
 * @param receiveCount    how many times SQS has delivered the message, this delivery included
 * @param maxReceiveCount the queue's redrive policy's maximum receive count, 0 when the queue has none
 * @param error           the error summary
 */
public record JobFailure(String worker, String queueUrl, String messageId, Optional<String> jobId, int receiveCount,
        int maxReceiveCount, String error) {

    /** The longest error summary kept. */
    public static final int MAX_ERROR_LENGTH = 200;

    /** Told of every failed job, on the worker's thread; must not throw. */
    @FunctionalInterface
    public interface Listener {
        void failed(JobFailure failure);

        /** A listener that does nothing. */
        static Listener none() {
            return failure -> { };
        }
    }

    /**
     * True when this was the last delivery the queue allows: SQS moves the message to the dead-letter queue
     * instead of delivering it again.
     */
    public boolean deadLettered() {
        return maxReceiveCount > 0 && receiveCount >= maxReceiveCount;
    }

    /** The failure of {@code message} with {@code error}, its job id read from the body when it is a job. */
    static JobFailure of(String worker, String queueUrl, JobMessage message, int maxReceiveCount, Throwable error) {
        return new JobFailure(worker, queueUrl, message.messageId(), jobIdOf(message.body()), message.receiveCount(),
                maxReceiveCount, summary(error));
    }

    /** {@code Type: first line of the message}, at most {@value #MAX_ERROR_LENGTH} characters. */
    static String summary(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        String line = error.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message.strip());
        return line.length() <= MAX_ERROR_LENGTH ? line : line.substring(0, MAX_ERROR_LENGTH - 3) + "...";
    }

    private static Optional<String> jobIdOf(String body) {
        try {
            JsonNode jobId = JsonCodec.tree(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)).path("jobId");
            return jobId.isTextual() && JobIds.isValid(jobId.asText()) ? Optional.of(jobId.asText()) : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
