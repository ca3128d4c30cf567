package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A worker stopped with SIGTERM while it holds a job, as ECS stops a task on a deployment or a scale-in:
 * it takes no new message, finishes the job in hand within the stop timeout, and exits with status 0.
 *
 * <p>The job runs on a queue of the test's own (see {@link IsolatedReconQueue}); the worker reaches AWS
 * through a {@link FaultInjectingProxy} that delays its first result write by {@link #SLOW_WRITE}, so the
 * job is still in hand when the signal comes. A second job sent before the signal must still be on the
 * queue, never received. A worker stopped while idle lets its long poll return first, so a job that
 * arrives in that poll is handed back rather than stranded for the queue's visibility timeout.
 */
@ExtendWith(StackUnderTest.class)
class WorkerStoppedIT {

    private static final String ACCOUNT = "ACC-7108";
    private static final String NEXT_ACCOUNT = "ACC-7109";
    private static final String IDLE_ACCOUNT = "ACC-7110";
    private static final LocalDate DATE = LocalDate.of(2026, 12, 8);
    private static final Duration SLOW_WRITE = Duration.ofSeconds(8);
    /** The worker's stop timeout (WorkerSettings.defaults), below the task definition's 120 s stopTimeout. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(100);

    @Test
    void a_stopped_worker_finishes_the_job_in_hand_takes_no_other_and_exits_0(StackDriver stack) throws Exception {
        try (IsolatedReconQueue queue = IsolatedReconQueue.create(stack, "e2e-worker-stopped", Duration.ofSeconds(60));
                FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.clients().endpoint().endpointOverride()
                        .orElseThrow())) {
            String slowWrite = "a slow result write";
            proxy.inject(slowWrite, r -> r.isS3("PUT", ReconResult.prefix(ACCOUNT, DATE)),
                    new FaultInjectingProxy.Fault.Delay(SLOW_WRITE), 1);
            ServiceProcess worker = queue.startWorker(Optional.of(proxy.endpoint()));
            queue.stage(ACCOUNT, DATE, 40, 30);
            queue.stage(NEXT_ACCOUNT, DATE, 5, 5);
            queue.send(ACCOUNT, DATE);

            stack.await("the worker to be writing the result", Duration.ofMinutes(2), () -> proxy.served(slowWrite) == 1);
            queue.send(NEXT_ACCOUNT, DATE);
            Instant signalled = Instant.now();
            OptionalInt exit = worker.stop(STOP_TIMEOUT.plusSeconds(20));
            Duration stopping = Duration.between(signalled, Instant.now());

            assertThat(exit).as("exit status after SIGTERM, within the stop timeout").hasValue(0);
            assertThat(stopping).isLessThan(STOP_TIMEOUT);
            assertThat(ReconResult.counts(stack, ACCOUNT, DATE)).as("the result of the job in hand").hasValueSatisfying(counts -> {
                assertThat(counts.ledgerRows()).isEqualTo(40);
                assertThat(counts.matched()).isEqualTo(30);
            });
            assertThat(IsolatedReconQueue.runsLogged(worker, ACCOUNT, DATE)).isEqualTo(1);
            assertThat(ReconResult.files(stack, NEXT_ACCOUNT, DATE)).as("results of the job sent before the stop").isEmpty();
            assertThat(Files.readString(worker.log())).contains("stopped after 1 messages (0 failed)");

            List<Message> left = stack.sqs().receiveMessage(b -> b.queueUrl(queue.url()).waitTimeSeconds(5)
                    .maxNumberOfMessages(10).messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                    .messages();
            assertThat(left).as("messages left on the queue").singleElement().satisfies(message -> {
                assertThat(message.body()).isEqualTo(IsolatedReconQueue.body(NEXT_ACCOUNT, DATE));
                assertThat(message.attributes()).as("received before this receive")
                        .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
            });
        }
    }

    @Test
    void an_idle_worker_stopped_hands_back_a_job_that_arrives_in_its_last_poll_and_exits_0(StackDriver stack)
            throws Exception {
        // As long as the risk queue's: a job stranded in a poll nobody reads would stay invisible 15 minutes.
        try (IsolatedReconQueue queue = IsolatedReconQueue.create(stack, "e2e-idle-worker-stopped",
                Duration.ofMinutes(15))) {
            ServiceProcess worker = queue.startWorker(Optional.empty());
            queue.stage(IDLE_ACCOUNT, DATE, 5, 5);
            worker.stop(Duration.ZERO);
            stack.await("the stopping worker to wait for its poll", Duration.ofSeconds(30),
                    () -> logged(worker, "stopping, waiting up to 20 s for the receive in progress"));
            queue.send(IDLE_ACCOUNT, DATE);
            OptionalInt exit = worker.stop(Duration.ofSeconds(60));

            assertThat(exit).as("exit status after SIGTERM, once its poll has returned").hasValue(0);
            assertThat(ReconResult.files(stack, IDLE_ACCOUNT, DATE)).as("results of a job sent during the stop").isEmpty();
            List<Message> left = stack.sqs().receiveMessage(b -> b.queueUrl(queue.url()).waitTimeSeconds(5)
                    .maxNumberOfMessages(10)).messages();
            assertThat(left).as("the job, visible again at once").singleElement()
                    .satisfies(message -> assertThat(message.body()).isEqualTo(IsolatedReconQueue.body(IDLE_ACCOUNT, DATE)));
        }
    }

    private static boolean logged(ServiceProcess worker, String text) {
        try {
            return Files.readString(worker.log(), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
