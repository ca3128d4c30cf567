package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nightshift.common.storage.StoredObject;
import com.nightshift.local.LocalStack;
import com.nightshift.local.ServiceProcess;
import com.nightshift.local.StackDriver;

/**
 * Files for one account and date arriving in either order, at once, or twice in quick succession, with two
 * ingestion and two processing workers so that their jobs can run at the same time: there is one result for
 * the pair, and it is made from the newest inputs (for one inbound key, the version S3 holds last).
 *
 * <p>Uploads in quick succession only make a race likely; the last test makes it certain, holding one
 * worker's write until the newer version has gone through the stack.
 */
@ExtendWith(StackUnderTest.class)
class RacingUploadsIT {

    private static final LocalDate DATE = LocalDate.of(2026, 12, 10);
    private static final Duration WITHIN = Duration.ofMinutes(3);

    @BeforeAll
    static void twoWorkersPerStage(StackDriver stack) throws Exception {
        var local = stack.localStack().orElseThrow(() -> new IllegalStateException(
                "needs the local stack: it starts second ingestion and processing workers"));
        local.ensureWorkers("ingestion-service", 2);
        local.ensureWorkers("processing-service", 2);
    }

    enum Arrival {
        LEDGER_FIRST("ACC-7111"), STATEMENT_FIRST("ACC-7112"), AT_ONCE("ACC-7113");

        final String account;

        Arrival(String account) {
            this.account = account;
        }
    }

    @ParameterizedTest
    @EnumSource(Arrival.class)
    void a_ledger_and_a_statement_give_one_result_with_both_whatever_their_order(Arrival arrival, StackDriver stack) {
        String account = arrival.account;
        Runnable ledger = () -> stack.upload(ledgerKey(account), csv("L", account, 20));
        Runnable statement = () -> stack.upload(statementKey(account), csv("S", account, 15));
        switch (arrival) {
            case LEDGER_FIRST -> {
                ledger.run();
                statement.run();
            }
            case STATEMENT_FIRST -> {
                statement.run();
                ledger.run();
            }
            case AT_ONCE -> CompletableFuture.allOf(CompletableFuture.runAsync(ledger),
                    CompletableFuture.runAsync(statement)).join();
        }

        stack.awaitReconciliation(account, DATE, 20, 15, WITHIN);
        stack.await("the uploads of " + account + " to be done with", WITHIN, () -> stack.backlog() == 0);

        assertThat(ReconResult.files(stack, account, DATE)).containsExactlyElementsOf(ReconResult.FILES);
        assertThat(ReconResult.counts(stack, account, DATE)).get().satisfies(counts -> {
            assertThat(counts.ledgerRows()).isEqualTo(20);
            assertThat(counts.statementRows()).isEqualTo(15);
            assertThat(counts.matched()).isEqualTo(15);
        });
    }

    @Test
    void of_a_file_uploaded_twice_in_quick_succession_the_newer_upload_wins(StackDriver stack) {
        String account = "ACC-7114";
        stack.upload(ledgerKey(account), csv("L", account, 20));
        stack.awaitReconciliation(account, DATE, 20, 0, WITHIN);

        // Two versions of one statement, the second (12 entries) put right after the first (6):
        // their events are taken by the two ingestion workers at about the same time.
        stack.upload(statementKey(account), csv("S", account, 6));
        stack.upload(statementKey(account), csv("S", account, 12));

        stack.awaitReconciliation(account, DATE, 20, 12, WITHIN);
        stack.await("the uploads of " + account + " to be done with", WITHIN, () -> stack.backlog() == 0);

        assertThat(ReconResult.counts(stack, account, DATE)).get().satisfies(counts -> {
            assertThat(counts.statementRows()).as("statement entries of the final result").isEqualTo(12);
            assertThat(counts.matched()).isEqualTo(12);
        });
        List<StoredObject> staged = stack.store().list(stack.outputs().stagingBucket(),
                "staged/statement/" + account + "/" + DATE + "/");
        assertThat(staged).singleElement().satisfies(object -> assertThat(new String(stack.store().read(object.ref()),
                StandardCharsets.UTF_8).lines()).as("staged statement, header and entries").hasSize(1 + 12));
    }

    /**
     * The race made certain: an ingestion worker of the test's own reads the first version, and its first write
     * is held by a {@link FaultInjectingProxy} until the stack's workers have ingested and reconciled the second
     * version; then the stale write goes through. The worker notices that the file changed and ingests it again.
     */
    @Test
    void an_ingestion_that_read_an_older_version_does_not_leave_it_staged(StackDriver stack) throws Exception {
        String account = "ACC-7115";
        String key = statementKey(account);
        String stagedPrefix = "staged/statement/" + account + "/" + DATE + "/";
        LocalStack local = stack.localStack().orElseThrow();
        String queue = stack.sqs().createQueue(b -> b.queueName("e2e-racing-ingest")).queueUrl();
        CountDownLatch staleWrite = new CountDownLatch(1);
        ServiceProcess late = null;
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.clients().endpoint().endpointOverride()
                .orElseThrow())) {
            proxy.inject("stale write", r -> r.isS3("PUT", stagedPrefix), new FaultInjectingProxy.Fault.Gate(staleWrite), 1);
            late = local.startExtraWorker("ingestion-service", Map.of("INGEST_QUEUE_URL", queue,
                    "AWS_ENDPOINT_URL", proxy.endpoint().toString()));
            stack.upload(ledgerKey(account), csv("L", account, 20));
            stack.upload(key, csv("S", account, 6));
            stack.awaitReconciliation(account, DATE, 20, 6, WITHIN);

            // The same event again, to the late worker: it reads the first version and is held at its first write.
            stack.sqs().sendMessage(b -> b.queueUrl(queue).messageBody(Inputs.objectCreatedEvent(stack.outputs().dataBucket(),
                    key)));
            stack.await("the late worker to be writing", WITHIN, () -> proxy.served("stale write") == 1);
            stack.upload(key, csv("S", account, 12));
            stack.awaitReconciliation(account, DATE, 20, 12, WITHIN);
            staleWrite.countDown();

            // Its message is deleted after the recon jobs it sends are on the recon queue: check it first.
            stack.await("the late worker and the reconciliations it asks for to finish", WITHIN,
                    () -> IsolatedReconQueue.messages(stack, queue) == 0 && stack.backlog() == 0);
            assertThat(ReconResult.counts(stack, account, DATE)).get().satisfies(counts ->
                    assertThat(counts.statementRows()).as("statement entries of the final result").isEqualTo(12));
            assertThat(stack.store().list(stack.outputs().stagingBucket(), stagedPrefix)).singleElement()
                    .satisfies(object -> assertThat(new String(stack.store().read(object.ref()), StandardCharsets.UTF_8)
                            .lines()).hasSize(1 + 12));
            assertThat(Files.readString(late.log(), StandardCharsets.UTF_8)).contains("was replaced while it was ingested");
        } finally {
            staleWrite.countDown();
            if (late != null) {
                late.kill();
            }
            stack.sqs().deleteQueue(b -> b.queueUrl(queue));
        }
    }

    private static String ledgerKey(String account) {
        return "inbound/ledger/ledger-" + account + "-" + DATE + ".csv";
    }

    private static String statementKey(String account) {
        return "inbound/statements/" + account + "-" + DATE + ".csv";
    }

    private static byte[] csv(String prefix, String account, int rows) {
        return IsolatedReconQueue.entries(prefix, account, DATE, rows).getBytes(StandardCharsets.UTF_8);
    }
}
