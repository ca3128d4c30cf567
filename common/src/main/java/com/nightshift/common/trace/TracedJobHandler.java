package com.nightshift.common.trace;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import com.nightshift.common.worker.JobHandler;
import com.nightshift.common.worker.JobMessage;

/** Records a span for every job a handler does, failed or not, and sends it when the job ends. */
public final class TracedJobHandler implements JobHandler {

    private final JobHandler handler;
    private final SpanSender spans;
    private final String spanName;
    private final String queueUrl;
    private final Clock clock;

    public TracedJobHandler(JobHandler handler, SpanSender spans, String workerName, String queueUrl) {
        this(handler, spans, workerName, queueUrl, Clock.systemUTC());
    }

    TracedJobHandler(JobHandler handler, SpanSender spans, String workerName, String queueUrl, Clock clock) {
        this.handler = handler;
        this.spans = spans;
        this.spanName = workerName + " job";
        this.queueUrl = queueUrl;
        this.clock = clock;
    }

    @Override
    public void handle(JobMessage message) throws Exception {
        Instant start = clock.instant();
        Optional<String> error = Optional.empty();
        try {
            handler.handle(message);
        } catch (Exception | Error e) {
            error = Optional.of(e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()));
            throw e;
        } finally {
            spans.send(new Span(message.trace(), spanName, start, clock.instant(), Map.of(
                    "messaging.system", "aws_sqs",
                    "messaging.destination.name", queueUrl.substring(queueUrl.lastIndexOf('/') + 1),
                    "messaging.message.id", message.messageId(),
                    "nightshift.receive_count", Integer.toString(message.receiveCount())), error));
        }
    }
}
