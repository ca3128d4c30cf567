package com.nightshift.common.notify;

import java.time.Instant;

import com.nightshift.common.worker.JobFailure;

/**
 * The message the job topic receives when a job fails ({@value #FAILED}) or fails on the last delivery its
 * queue allows, so that SQS moves it to the dead-letter queue ({@value #DEAD_LETTERED}).
 *
 * @param type            {@value #FAILED} or {@value #DEAD_LETTERED}
 * @param worker          the worker that ran the job, e.g. {@code report}
 * @param queue           the URL of the queue the job came from
 * @param messageId       the SQS message id
 * @param jobId           the job id the message names, or null when it names none
 * @param receiveCount    the delivery that failed (1 on the first)
 * @param maxReceiveCount the queue's maximum receive count, 0 when it has no redrive policy
 * @param error           the error's type and first message line, short ({@link JobFailure#MAX_ERROR_LENGTH})
 * @param at              when the job failed
 */
public record JobFailedNotice(String type, String worker, String queue, String messageId, String jobId,
        int receiveCount, int maxReceiveCount, String error, Instant at) {

    public static final String FAILED = "job-failed";
    public static final String DEAD_LETTERED = "job-dead-lettered";

    /** The notice of {@code failure}, at {@code at}. */
    public static JobFailedNotice of(JobFailure failure, Instant at) {
        return new JobFailedNotice(failure.deadLettered() ? DEAD_LETTERED : FAILED, failure.worker(),
                failure.queueUrl(), failure.messageId(), failure.jobId().orElse(null), failure.receiveCount(),
                failure.maxReceiveCount(), failure.error(), at);
    }
}
