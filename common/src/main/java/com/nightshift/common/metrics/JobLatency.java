package com.nightshift.common.metrics;

import java.time.Clock;
import java.time.Duration;

import com.nightshift.common.worker.JobHandler;
import com.nightshift.common.worker.JobMessage;

/**
 * Wraps a stage's handler so that every job it finishes reports its latency: from the moment its message was
 * sent (SQS's {@code SentTimestamp}; for an ingest job, about when the object was created, since EventBridge
 * sends the event at once) to the moment the handler returns. A job that fails reports nothing; its retry
 * reports the whole wait when it succeeds. A message without a sending time reports nothing either.
 */
public final class JobLatency implements JobHandler {

    private final JobHandler handler;
    private final BusinessMetrics metrics;
    private final String stage;
    private final Clock clock;

    public JobLatency(JobHandler handler, BusinessMetrics metrics, String stage, Clock clock) {
        this.handler = handler;
        this.metrics = metrics;
        this.stage = stage;
        this.clock = clock;
    }

    @Override
    public void handle(JobMessage message) throws Exception {
        handler.handle(message);
        if (message.sentAt() != null) {
            metrics.jobDone(stage, Duration.between(message.sentAt(), clock.instant()));
        }
    }
}
