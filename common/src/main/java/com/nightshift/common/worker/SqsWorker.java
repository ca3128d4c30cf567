package com.nightshift.common.worker;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.trace.JobTrace;
import com.nightshift.common.trace.SqsTraceHeader;
import com.nightshift.common.trace.Tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The loop every worker runs: long-poll a queue, hand each message to a {@link JobHandler}, delete it
 * when the handler returns, leave it for a retry when the handler throws.
 *
 * <p>Stopping is graceful: {@link #close()} stops receiving, lets a job in progress finish (up to
 * the stop timeout), waits for a long poll in progress to return, and hands back any message received
 * but not started, so a rolling deployment or a scale-in never loses or stalls a job. A job still
 * running at the stop timeout has its message handed back too, for another worker to take at once
 * rather than after its visibility timeout: the process is about to end, and a job's results are
 * whole objects keyed by its inputs, so a job run twice writes the same result.
 *
 * <p>On ECS the worker also protects its task from scale-in while it holds jobs (see
 * {@link TaskProtection}): protection is asked for when a job starts and removed when a receive comes
 * back empty or the worker stops.
 *
 * <p>Every job is a span ({@code <name> job}, a consumer span) continuing the trace the message was sent in,
 * and the job's trace id is in the log MDC ({@code traceId}, and {@code xrayTraceId} in X-Ray's form).
 */
public final class SqsWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsWorker.class);

    private final String name;
    private final SqsClient sqs;
    private final String queueUrl;
    private final JobHandler handler;
    private final WorkerSettings settings;
    private final TaskProtection protection;
    private final Clock clock;
    private final JobFailure.Listener failures;
    private final Tracing tracing;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Counted down by {@link #close()}: cuts short the pause after a failed receive. */
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicInteger processed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile boolean running;
    /** The message of the job in progress; null between jobs. */
    private volatile Message inHand;
    private volatile Instant lastPoll;
    /** The queue's maximum receive count, read when the loop starts; 0 when unknown. */
    private volatile int maxReceiveCount;

    /** A worker that protects its ECS task while busy when {@code ECS_AGENT_URI} is set in the environment. */
    public SqsWorker(String name, SqsClient sqs, String queueUrl, JobHandler handler, WorkerSettings settings) {
        this(name, sqs, queueUrl, handler, settings, TaskProtection.fromEnvironment(System.getenv()));
    }

    public SqsWorker(String name, SqsClient sqs, String queueUrl, JobHandler handler, WorkerSettings settings,
            TaskProtection protection) {
        this(name, sqs, queueUrl, handler, settings, protection, JobFailure.Listener.none(), Tracing.NONE, Clock.systemUTC());
    }

    /** A worker that tells {@code failures} of every job its handler fails (see {@link JobFailure}). */
    public SqsWorker(String name, SqsClient sqs, String queueUrl, JobHandler handler, WorkerSettings settings,
            TaskProtection protection, JobFailure.Listener failures) {
        this(name, sqs, queueUrl, handler, settings, protection, failures, Tracing.NONE, Clock.systemUTC());
    }

    /** A worker that also records a span for every job with {@code tracing}. */
    public SqsWorker(String name, SqsClient sqs, String queueUrl, JobHandler handler, WorkerSettings settings,
            TaskProtection protection, JobFailure.Listener failures, Tracing tracing) {
        this(name, sqs, queueUrl, handler, settings, protection, failures, tracing, Clock.systemUTC());
    }

    SqsWorker(String name, SqsClient sqs, String queueUrl, JobHandler handler, WorkerSettings settings,
            TaskProtection protection, Clock clock) {
        this(name, sqs, queueUrl, handler, settings, protection, JobFailure.Listener.none(), Tracing.NONE, clock);
    }

    private SqsWorker(String name, SqsClient sqs, String queueUrl, JobHandler handler, WorkerSettings settings,
            TaskProtection protection, JobFailure.Listener failures, Tracing tracing, Clock clock) {
        if (queueUrl == null || queueUrl.isBlank()) {
            throw new IllegalArgumentException(name + ": queue URL must be given");
        }
        this.name = name;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.settings = settings;
        this.protection = protection;
        this.clock = clock;
        this.failures = failures;
        this.tracing = tracing;
        this.lastPoll = clock.instant();
        this.thread = new Thread(this::run, "worker-" + name);
        // A worker idle in a long poll must not hold the JVM open; a busy one is waited for in close().
        this.thread.setDaemon(true);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread.start();
        LOG.info("worker {} polling {}", name, queueUrl);
    }

    /** Healthy while the loop runs and has completed a poll within three poll intervals. */
    public boolean healthy() {
        Duration sincePoll = Duration.between(lastPoll, clock.instant());
        Duration limit = settings.waitTime().multipliedBy(3).plus(settings.errorBackoff()).plusSeconds(60);
        return running && thread.isAlive() && (inHand != null || sincePoll.compareTo(limit) < 0);
    }

    public int processedCount() {
        return processed.get();
    }

    public int failedCount() {
        return failed.get();
    }

    private void run() {
        maxReceiveCount = readMaxReceiveCount();
        try {
            while (running) {
                List<Message> messages = receive();
                lastPoll = clock.instant();
                if (messages.isEmpty()) {
                    protection.release();
                }
                for (Message message : messages) {
                    if (!running) {
                        LOG.info("worker {}: stopping, message {} handed back unstarted", name, message.messageId());
                        handBack(message);
                        continue;
                    }
                    process(message);
                }
            }
        } finally {
            protection.release();
            stopped.countDown();
        }
    }

    /** The redrive policy's {@code maxReceiveCount}, or 0 when the queue has none or it cannot be read. */
    private int readMaxReceiveCount() {
        try {
            String policy = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes()
                    .get(QueueAttributeName.REDRIVE_POLICY);
            if (policy == null || policy.isBlank()) {
                return 0;
            }
            // The policy is JSON; SQS writes the count as a string or a number depending on how it was set.
            return Integer.parseInt(JsonCodec.tree(policy.getBytes(StandardCharsets.UTF_8))
                    .path("maxReceiveCount").asText("0"));
        } catch (RuntimeException e) {
            LOG.warn("worker {}: cannot read the redrive policy of {}: {}", name, queueUrl, e.toString());
            return 0;
        }
    }

    private List<Message> receive() {
        try {
            ReceiveMessageResponse response = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                    .maxNumberOfMessages(settings.maxMessages())
                    .waitTimeSeconds((int) settings.waitTime().toSeconds())
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.SENT_TIMESTAMP, SqsTraceHeader.RECEIVE));
            return response.messages();
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("worker {}: receive from {} failed: {}", name, queueUrl, e.toString());
                pauseUnlessStopped(settings.errorBackoff());
            }
            return List.of();
        }
    }

    private void process(Message message) {
        int receiveCount = Integer.parseInt(message.attributes()
                .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
        inHand = message;
        protection.hold();
        Context sent = SqsTraceHeader.from(message);
        Tracer tracer = tracing.tracer();
        Span span = tracer.spanBuilder(name + " job").setParent(sent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queueUrl.substring(queueUrl.lastIndexOf('/') + 1))
                .setAttribute("messaging.message.id", message.messageId())
                .setAttribute("nightshift.receive_count", (long) receiveCount)
                .startSpan();
        JobTrace trace = new JobTrace(tracer, sent.with(span));
        if (trace.traced()) {
            MDC.put("traceId", trace.traceId());
            MDC.put("xrayTraceId", trace.xrayTraceId());
        }
        MDC.put("messageId", message.messageId());
        JobMessage job = new JobMessage(message.messageId(), message.body(), receiveCount, trace, sentAt(message));
        try (Scope scope = trace.context().makeCurrent()) {
            handler.handle(job);
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            processed.incrementAndGet();
        } catch (Exception e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.toString());
            failed.incrementAndGet();
            Duration backoff = settings.retryBackoff(receiveCount);
            LOG.error("worker {}: message {} failed on delivery {}, retrying in {} s: {}", name,
                    message.messageId(), receiveCount, backoff.toSeconds(), e.toString(), e);
            tell(JobFailure.of(name, queueUrl, job, maxReceiveCount, e));
            changeVisibility(message, backoff);
        } finally {
            span.end();
            inHand = null;
            MDC.clear();
        }
    }

    /** SQS's {@code SentTimestamp} (epoch milliseconds), or null when the message does not carry it. */
    private static Instant sentAt(Message message) {
        String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent));
    }

    private void tell(JobFailure failure) {
        try {
            failures.failed(failure);
        } catch (RuntimeException e) {
            // A notification that cannot be sent must not change what happens to the message.
            LOG.warn("worker {}: could not report the failure of {}: {}", name, failure.messageId(), e.toString());
        }
    }

    private void handBack(Message message) {
        changeVisibility(message, Duration.ZERO);
    }

    private void changeVisibility(Message message, Duration timeout) {
        try {
            sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle())
                    .visibilityTimeout((int) timeout.toSeconds()));
        } catch (RuntimeException e) {
            // The message reappears when its visibility timeout ends anyway.
            LOG.warn("worker {}: could not change visibility of {}: {}", name, message.messageId(), e.toString());
        }
    }

    private void pauseUnlessStopped(Duration duration) {
        try {
            stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops receiving and waits, up to the stop timeout, for the loop to end: a job in progress finishes,
     * and a receive in progress returns and hands back what it brought. A job that has not finished by
     * then has its message handed back.
     *
     * <p>A long poll is waited for rather than abandoned because SQS does not notice a client that goes
     * away: a message that arrives while the poll is still open on the server side is delivered to the
     * closed connection and stays invisible for the queue's whole visibility timeout (15 minutes for a
     * risk job), stalling the night. Waiting costs at most the poll's wait time (20 s).
     */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        stopRequested.countDown();
        Message message = inHand;
        if (message != null) {
            LOG.info("worker {}: stopping, waiting for the job in progress", name);
        } else {
            LOG.info("worker {}: stopping, waiting up to {} s for the receive in progress", name,
                    settings.waitTime().toSeconds());
        }
        try {
            if (!stopped.await(settings.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                Message overrunning = inHand;
                if (overrunning != null) {
                    // Before ECS's own stop timeout kills the task (NightshiftService.STOP_TIMEOUT is longer).
                    LOG.warn("worker {}: job {} still running after {}; its message is handed back for another worker",
                            name, overrunning.messageId(), settings.stopTimeout());
                    handBack(overrunning);
                } else {
                    LOG.warn("worker {}: the receive in progress has not returned after {}", name,
                            settings.stopTimeout());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("worker {} stopped after {} messages ({} failed)", name, processed.get(), failed.get());
    }
}
