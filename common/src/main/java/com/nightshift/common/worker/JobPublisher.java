package com.nightshift.common.worker;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.trace.TraceContext;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Sends a job descriptor to the next stage's queue as JSON, carrying the trace along. */
public final class JobPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(JobPublisher.class);

    private final SqsClient sqs;

    public JobPublisher(SqsClient sqs) {
        this.sqs = sqs;
    }

    public void publish(String queueUrl, Object job, TraceContext trace) {
        String body = JsonCodec.write(job);
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(
                TraceContext.ATTRIBUTE, MessageAttributeValue.builder().dataType("String")
                        .stringValue(trace.traceparent()).build())));
        LOG.info("sent {} to {}", job.getClass().getSimpleName(), queueUrl);
    }
}
