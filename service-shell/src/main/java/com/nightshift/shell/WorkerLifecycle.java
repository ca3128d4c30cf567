package com.nightshift.shell;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nightshift.common.metrics.BusinessMetrics;
import com.nightshift.common.metrics.JobLatency;
import com.nightshift.common.notify.JobNotifications;
import com.nightshift.common.trace.Tracing;
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
 * ({@link JobLatency}). Every job is a span ({@link Tracing}); the spans still buffered are sent once the
 * workers have stopped.
 */
@Singleton
public class WorkerLifecycle {

    private final List<QueueConsumer> consumers;
    private final SqsClient sqs;
    private final Tracing tracing;
    private final JobNotifications notifications;
    private final BusinessMetrics metrics;
    /** Worker by consumer name, in start order. */
    private final Map<String, SqsWorker> workers = new LinkedHashMap<>();

    public WorkerLifecycle(List<QueueConsumer> consumers, SqsClient sqs, Tracing tracing,
            JobNotifications notifications, BusinessMetrics metrics) {
        this.consumers = consumers;
        this.metrics = metrics;
        this.sqs = sqs;
        this.tracing = tracing;
        this.notifications = notifications;
    }

    @EventListener
    synchronized void onStartup(StartupEvent event) {
        for (QueueConsumer consumer : consumers) {
            SqsWorker worker = new SqsWorker(consumer.name(), sqs, consumer.queueUrl(),
                    new JobLatency(consumer, metrics, consumer.name(), Clock.systemUTC()), WorkerSettings.defaults(),
                    TaskProtection.fromEnvironment(System.getenv()), notifications, tracing);
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
        tracing.close();
    }
}
