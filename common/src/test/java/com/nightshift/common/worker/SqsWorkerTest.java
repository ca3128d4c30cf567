package com.nightshift.common.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nightshift.common.aws.AwsClients;
import com.nightshift.common.emulator.LocalAws;
import com.nightshift.common.emulator.MotoServer;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The worker loop against real SQS semantics (the moto emulator): delete, retry, dead-letter, stop. */
class SqsWorkerTest {

    private static final WorkerSettings FAST = new WorkerSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);

    @RegisterExtension
    static final LocalAws AWS = new LocalAws();
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        sqs = AWS.client(AwsClients::sqs);
    }

    @Test
    void handled_message_is_deleted() {
        String queue = queue("handled", Map.of());
        List<String> bodies = new CopyOnWriteArrayList<>();
        try (SqsWorker worker = new SqsWorker("t", sqs, queue, m -> bodies.add(m.body()), FAST)) {
            worker.start();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job-1"));
            await(() -> worker.processedCount() == 1);
        }
        assertThat(bodies).containsExactly("job-1");
        assertThat(messagesIn(queue)).isZero();
    }

    @Test
    void failing_message_is_retried_then_dead_lettered_after_the_maximum_receive_count() {
        String dlq = queue("failing-dlq", Map.of());
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = queue("failing", Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"));
        List<Integer> deliveries = new CopyOnWriteArrayList<>();
        try (SqsWorker worker = new SqsWorker("t", sqs, queue, m -> {
            deliveries.add(m.receiveCount());
            throw new IllegalStateException("cannot do this job");
        }, FAST)) {
            worker.start();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("poison"));
            await(() -> messagesIn(dlq) == 1);
        }
        assertThat(deliveries).containsExactly(1, 2);
    }

    @Test
    void close_lets_the_job_in_progress_finish() throws Exception {
        String queue = queue("graceful", Map.of());
        CountDownLatch started = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        SqsWorker worker = new SqsWorker("t", sqs, queue, m -> {
            started.countDown();
            Thread.sleep(1500);
            finished.add(m.body());
        }, FAST);
        worker.start();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("long-job"));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        worker.close();
        assertThat(finished).containsExactly("long-job");
        assertThat(messagesIn(queue)).isZero();
    }

    @Test
    void close_hands_back_the_messages_received_but_not_started() throws Exception {
        String queue = queue("unstarted", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
        for (int i = 1; i <= 3; i++) {
            String body = "job-" + i;
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(body));
        }
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        WorkerSettings threeAtATime = new WorkerSettings(3, Duration.ofSeconds(1), Duration.ofSeconds(20),
                Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);
        SqsWorker worker = new SqsWorker("t", sqs, queue, m -> {
            handled.add(m.body());
            started.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        }, threeAtATime);
        worker.start();
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        Thread stopping = Thread.ofPlatform().start(worker::close);
        await(() -> !worker.healthy());
        release.countDown();
        stopping.join(30_000);

        assertThat(stopping.isAlive()).isFalse();
        assertThat(handled).hasSize(1);
        // The two not started are visible again at once, not after the queue's 300 s visibility timeout.
        assertThat(visibleMessagesIn(queue)).isEqualTo(2);
        assertThat(messagesIn(queue)).isEqualTo(2);
    }

    @Test
    void close_hands_back_the_job_still_running_at_the_stop_timeout() throws Exception {
        String queue = queue("overrunning", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkerSettings oneSecondToStop = new WorkerSettings(1, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);
        SqsWorker worker = new SqsWorker("t", sqs, queue, m -> {
            started.countDown();
            assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
        }, oneSecondToStop);
        worker.start();
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("too-long"));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        Instant closing = Instant.now();
        worker.close();
        Duration waited = Duration.between(closing, Instant.now());

        try {
            assertThat(waited).isBetween(Duration.ofMillis(900), Duration.ofSeconds(10));
            assertThat(visibleMessagesIn(queue)).as("handed back, visible before its visibility timeout").isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void close_waits_for_the_receive_in_progress_and_hands_back_what_it_brought() throws Exception {
        String queue = queue("polling", Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "300"));
        ReceivesInProgress receives = new ReceivesInProgress();
        SqsClient watched = AWS.client(clients -> new AwsClients(clients.endpoint(), List.of(receives)).sqs());
        WorkerSettings fiveSecondPolls = new WorkerSettings(1, Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMillis(100), Duration.ZERO, Duration.ZERO);
        List<String> handled = new CopyOnWriteArrayList<>();
        SqsWorker worker = new SqsWorker("t", watched, queue, m -> handled.add(m.body()), fiveSecondPolls);
        worker.start();
        await(() -> receives.count() == 1);
        Thread stopping = Thread.ofPlatform().start(worker::close);
        await(() -> !worker.healthy());
        // Arrives while the stopping worker's poll is still open: the poll takes it.
        sqs.sendMessage(b -> b.queueUrl(queue).messageBody("arrives-during-the-stop"));
        stopping.join(30_000);

        assertThat(stopping.isAlive()).isFalse();
        assertThat(receives.count()).as("receives still open when close() returned").isZero();
        assertThat(handled).isEmpty();
        assertThat(visibleMessagesIn(queue)).as("handed back, not invisible for the 300 s visibility timeout")
                .isEqualTo(1);
    }

    @Test
    void the_handler_sees_when_sqs_received_the_message() {
        String queue = queue("sent", Map.of());
        List<java.time.Instant> sentAt = new CopyOnWriteArrayList<>();
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        try (SqsWorker worker = new SqsWorker("t", sqs, queue, m -> sentAt.add(m.sentAt()), FAST)) {
            worker.start();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job"));
            await(() -> sentAt.size() == 1);
        }
        assertThat(sentAt.getFirst()).isBetween(before, java.time.Instant.now());
    }

    @Test
    void worker_is_healthy_while_polling_and_not_after_close() {
        String queue = queue("health", Map.of());
        SqsWorker worker = new SqsWorker("t", sqs, queue, m -> { }, FAST);
        worker.start();
        assertThat(worker.healthy()).isTrue();
        worker.close();
        assertThat(worker.healthy()).isFalse();
    }

    @Test
    void worker_protects_its_task_while_it_holds_a_job_and_releases_it_when_idle() throws Exception {
        String queue = queue("protected", Map.of());
        String state = "PUT /api/task-1234/task-protection/v1/state ";
        try (AgentEndpoint agent = new AgentEndpoint()) {
            List<List<String>> seenByJobs = new CopyOnWriteArrayList<>();
            try (SqsWorker worker = new SqsWorker("t", sqs, queue, m -> seenByJobs.add(agent.requests()), FAST,
                    TaskProtection.through(agent.agentUri()))) {
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job-1"));
                sqs.sendMessage(b -> b.queueUrl(queue).messageBody("job-2"));
                worker.start();
                await(() -> worker.processedCount() == 2 && agent.requests().size() == 2);
            }
            assertThat(seenByJobs.getFirst()).containsExactly(
                    state + "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":120}");
            assertThat(agent.requests()).containsExactly(
                    state + "{\"ProtectionEnabled\":true,\"ExpiresInMinutes\":120}",
                    state + "{\"ProtectionEnabled\":false}");
        }
    }

    private static String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name + "-" + System.nanoTime()).attributes(attributes)).queueUrl();
    }

    private static int messagesIn(String queue) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static int visibleMessagesIn(String queue) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static void await(BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition within 30 s").isBefore(deadline);
            MotoServer.sleep(Duration.ofMillis(100));
        }
    }

    /** Counts the ReceiveMessage calls a client has started and not yet finished. */
    private static final class ReceivesInProgress implements ExecutionInterceptor {

        private final AtomicInteger open = new AtomicInteger();

        int count() {
            return open.get();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ReceiveMessageRequest) {
                open.incrementAndGet();
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ReceiveMessageRequest) {
                open.decrementAndGet();
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ReceiveMessageRequest) {
                open.decrementAndGet();
            }
        }
    }
}
