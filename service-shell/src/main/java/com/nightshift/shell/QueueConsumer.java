package com.nightshift.shell;

import com.nightshift.common.worker.JobHandler;

/**
 * A service's binding of one queue to its handler. Each service declares its consumers as beans;
 * {@link WorkerLifecycle} runs one {@link com.nightshift.common.worker.SqsWorker} for each.
 */
public interface QueueConsumer extends JobHandler {

    /** A short name for logs and /health, e.g. "recon". */
    String name();

    /** The queue URL, from the task definition's environment. */
    String queueUrl();
}
