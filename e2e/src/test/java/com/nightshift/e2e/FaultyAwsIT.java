package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nightshift.e2e.FaultInjectingProxy.Exchange;
import com.nightshift.e2e.FaultInjectingProxy.Fault;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

/**
 * S3 and SQS answering with errors, slowly, or not at all: the AWS clients retry with back-off, so the
 * job succeeds on its first delivery, with one result and no duplicate.
 *
 * <p>A processing worker on a queue of the test's own (see {@link IsolatedReconQueue}) reaches AWS through a
 * {@link FaultInjectingProxy} that serves one or two faults to each kind of call a job makes: receiving,
 * reading the inputs, writing the results, publishing the report job, deleting the message.
 */
@ExtendWith(StackUnderTest.class)
class FaultyAwsIT {

    private static final String ACCOUNT = "ACC-7110";
    private static final LocalDate DATE = LocalDate.of(2026, 12, 9);

    @Test
    void a_job_survives_errors_and_slow_answers_from_s3_and_sqs_with_one_result(StackDriver stack) throws Exception {
        String results = ReconResult.prefix(ACCOUNT, DATE);
        try (IsolatedReconQueue queue = IsolatedReconQueue.create(stack, "e2e-faulty-aws", Duration.ofSeconds(60));
                FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.clients().endpoint().endpointOverride()
                        .orElseThrow())) {
            ServiceProcess worker = queue.startWorker(Optional.of(proxy.endpoint()));
            // The plan starts once the worker is up, so that its start-up calls are not the ones that fail.
            proxy.inject("receive: 500", r -> r.sqsAction().equals("ReceiveMessage"), new Fault.Answer(500, "InternalError"), 1)
                    .inject("read input: 500", r -> r.isS3("GET", "staged/ledger/" + ACCOUNT + "/"),
                            new Fault.Answer(500, "InternalError"), 1)
                    .inject("write: SlowDown", r -> r.isS3("PUT", results + "matches.csv"), new Fault.Answer(503, "SlowDown"), 2)
                    .inject("write: dropped", r -> r.isS3("PUT", results + "result.json"), new Fault.Drop(), 1)
                    .inject("write: slow", r -> r.isS3("PUT", results + "summary.json"), new Fault.Delay(Duration.ofSeconds(3)), 1)
                    .inject("publish: 503", r -> r.sqsAction().equals("SendMessage"), new Fault.Answer(503, "ServiceUnavailable"), 1)
                    .inject("delete: 500", r -> r.sqsAction().equals("DeleteMessage"), new Fault.Answer(500, "InternalError"), 1);
            queue.stage(ACCOUNT, DATE, 40, 30);
            queue.send(ACCOUNT, DATE);

            // The receive after the job fails too. Every failed call is tried again; the worker is stopped only
            // after that, or the stop could cut a retry short.
            stack.await("the job to be done and every failed call tried again", Duration.ofMinutes(2),
                    () -> ReconResult.counts(stack, ACCOUNT, DATE).isPresent() && queue.messages() == 0
                            && proxy.served("receive: 500") == 1 && notTriedAgain(proxy.exchanges()).isEmpty());
            assertThat(worker.stop(Duration.ofMinutes(2))).as("exit status on SIGTERM").hasValue(0);

            List<Exchange> exchanges = proxy.exchanges();
            assertThat(exchanges.stream().filter(Exchange::faulted).map(Exchange::rule).distinct())
                    .as("faults served").containsExactlyInAnyOrder("receive: 500", "read input: 500", "write: SlowDown",
                            "write: dropped", "write: slow", "publish: 503", "delete: 500");
            assertThat(proxy.served("write: SlowDown")).isEqualTo(2);
            assertThat(notTriedAgain(exchanges)).as("failed calls not tried again").isEmpty();
            assertThat(Files.readString(worker.log())).as("the job succeeded on its first delivery")
                    .contains("stopped after 1 messages (0 failed)");
            assertThat(IsolatedReconQueue.runsLogged(worker, ACCOUNT, DATE)).isEqualTo(1);
            assertThat(ReconResult.files(stack, ACCOUNT, DATE)).containsExactlyElementsOf(ReconResult.FILES);
            assertThat(ReconResult.counts(stack, ACCOUNT, DATE).orElseThrow()).satisfies(counts -> {
                assertThat(counts.ledgerRows()).isEqualTo(40);
                assertThat(counts.statementRows()).isEqualTo(30);
                assertThat(counts.matched()).isEqualTo(30);
            });
        }
    }

    /**
     * The failed calls (an error answer or a dropped connection) after which the same call never got through;
     * a delayed call is not failed, only slow.
     */
    private static List<Exchange> notTriedAgain(List<Exchange> exchanges) {
        return exchanges.stream().filter(e -> e.faulted() && !e.rule().equals("write: slow"))
                .filter(fault -> exchanges.subList(exchanges.indexOf(fault) + 1, exchanges.size()).stream()
                        .noneMatch(e -> e.request().equals(fault.request()) && !e.faulted()))
                .toList();
    }
}
