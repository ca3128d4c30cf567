package com.nightshift.common.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.trace.JobTrace;
import com.nightshift.common.trace.SqsTraceHeader;

import io.opentelemetry.context.Scope;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Sends a job descriptor to the next stage's queue as JSON, carrying the trace along ({@link SqsTraceHeader}):
 * the next stage's job span is a child of the sending job's span.
 */
public final class JobPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(JobPublisher.class);

    private final SqsClient sqs;

    public JobPublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void publish(String queueUrl, Object job, JobTrace trace) {
        String body = JsonCodec.write(job);
        // Current while sending, so the SendMessage call is traced as part of the job.
        try (Scope scope = trace.context().makeCurrent()) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)
                    .messageSystemAttributes(SqsTraceHeader.of(trace.context())));
        }
        LOG.info("sent {} to {}", job.getClass().getSimpleName(), queueUrl);
    }
}
