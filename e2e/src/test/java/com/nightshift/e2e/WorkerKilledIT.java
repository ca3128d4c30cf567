package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

/**
 * A worker killed (SIGKILL) in the middle of a job, as a lost host or an out-of-memory kill would: its
 * message becomes visible again when the visibility timeout ends, another worker does the job, and there
 * is one result, with nothing of the killed run at the final keys.
 *
 * <p>The job runs on a queue of the test's own (see {@link IsolatedReconQueue}) with a 10 s visibility
 * timeout instead of the recon queue's five minutes, so the redelivery comes within the test. The killed
 * worker reaches AWS through a {@link FaultInjectingProxy} that holds its first write of a result file:
 * that is how the test knows the job is under way, and when to kill.
 */
@ExtendWith(StackUnderTest.class)
class WorkerKilledIT {

    private static final String ACCOUNT = "ACC-7107";
    private static final LocalDate DATE = LocalDate.of(2026, 12, 7);
    private static final Duration VISIBILITY = Duration.ofSeconds(10);

    @Test
    void a_job_whose_worker_is_killed_is_done_once_by_another_worker(StackDriver stack) throws Exception {
        try (IsolatedReconQueue queue = IsolatedReconQueue.create(stack, "e2e-worker-killed", VISIBILITY);
                FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.clients().endpoint().endpointOverride()
                        .orElseThrow())) {
            String resultWrite = "the first result write";
            proxy.inject(resultWrite, r -> r.isS3("PUT", ReconResult.prefix(ACCOUNT, DATE)),
                    new FaultInjectingProxy.Fault.Hold(), 1);
            ServiceProcess doomed = queue.startWorker(Optional.of(proxy.endpoint()));
            queue.stage(ACCOUNT, DATE, 40, 30);
            queue.send(ACCOUNT, DATE);

            stack.await("the worker to be writing the result", Duration.ofMinutes(2), () -> proxy.served(resultWrite) == 1);
            assertThat(doomed.kill()).as("exit status of a SIGKILL").isEqualTo(137);
            assertThat(ReconResult.files(stack, ACCOUNT, DATE)).as("result files of the killed run").isEmpty();

            ServiceProcess survivor = queue.startWorker(Optional.empty());
            stack.await("the job to be done again", Duration.ofMinutes(2), () -> ReconResult.counts(stack, ACCOUNT, DATE).isPresent()
                    && queue.messages() == 0);

            assertThat(ReconResult.counts(stack, ACCOUNT, DATE).orElseThrow()).satisfies(counts -> {
                assertThat(counts.ledgerRows()).isEqualTo(40);
                assertThat(counts.statementRows()).isEqualTo(30);
                assertThat(counts.matched()).isEqualTo(30);
                assertThat(counts.unmatchedLedger()).isEqualTo(10);
            });
            assertThat(ReconResult.files(stack, ACCOUNT, DATE)).containsExactlyElementsOf(ReconResult.FILES);
            assertThat(IsolatedReconQueue.runsLogged(doomed, ACCOUNT, DATE)).as("runs the killed worker finished").isZero();
            assertThat(IsolatedReconQueue.runsLogged(survivor, ACCOUNT, DATE)).as("runs of the other worker").isEqualTo(1);
            assertThat(survivor.stop(Duration.ofMinutes(2))).as("exit status of the other worker on SIGTERM").hasValue(0);
        }
    }
}
