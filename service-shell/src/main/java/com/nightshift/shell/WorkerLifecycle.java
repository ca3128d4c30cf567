package com.nightshift.shell;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.metrics.JobLatency;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.trace.SpanSender;
import com.nightshift.common.trace.TracedJobHandler;
import com.nightshift.common.worker.SqsWorker;
import com.nightshift.common.worker.TaskProtection;
import com.nightshift.common.worker.WorkerSettings;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts a worker for every {@link QueueConsumer} once the application is up, and stops them
 * gracefully when it shuts down (SIGTERM from ECS: the job in progress finishes first). A job that fails
 * is announced on the job topic ({@link JobNotifications}); a job that succeeds reports its latency
 * ({@link JobLatency}).
 */
@Singleton
public class WorkerLifecycle {

    private final List<QueueConsumer> consumers;
    private final SqsClient sqs;
    private final SpanSender spans;
    private final JobNotifications notifications;
    private final BusinessMetrics metrics;
    /** Worker by consumer name, in start order. */
    private final Map<String, SqsWorker> workers = new LinkedHashMap<>();

    public WorkerLifecycle(List<QueueConsumer> consumers, SqsClient sqs, SpanSender spans,
            JobNotifications notifications, BusinessMetrics metrics) {
        this.consumers = consumers;
        this.metrics = metrics;
        this.sqs = sqs;
        this.spans = spans;
        this.notifications = notifications;
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        for (QueueConsumer consumer : consumers) {
            TracedJobHandler traced = new TracedJobHandler(consumer, spans, consumer.name(), consumer.queueUrl());
            SqsWorker worker = new SqsWorker(consumer.name(), sqs, consumer.queueUrl(),
                    new JobLatency(traced, metrics, consumer.name(), Clock.systemUTC()), WorkerSettings.defaults(),
                    TaskProtection.fromEnvironment(System.getenv()), notifications);
            workers.put(consumer.name(), worker);
            worker.start();
        }
    }

    /** Worker name to healthy, in start order. */
    public synchronized Map<String, Boolean> health() {
        Map<String, Boolean> health = new LinkedHashMap<>();
        workers.forEach((name, worker) -> health.put(name, worker.healthy()));
        return health;
    }

    @PreDestroy
    synchronized void stop() {
        workers.values().forEach(SqsWorker::close);
    }
}
