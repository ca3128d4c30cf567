package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.common.storage.StoredObject;
import com.nightshift.local.StackDriver;

/** At-least-once delivery: the same file delivered twice leaves one result, not a doubled one. */
@ExtendWith(StackUnderTest.class)
class IdempotencyIT {

    private static final String LEDGER_KEY = "inbound/ledger/ledger-ACC-3001-2026-11-21.csv";
    private static final String STATEMENT_KEY = "inbound/statements/ACC-3001-2026-11-21.csv";
    private static final LocalDate DATE = LocalDate.of(2026, 11, 21);
    private static final String RESULT_PREFIX = "results/recon/2026-11-21/ACC-3001/";

    @Test
    void the_same_file_delivered_twice_yields_one_result(StackDriver stack) {
        String staging = stack.outputs().stagingBucket();
        Instant first = Instant.now();
        stack.upload(LEDGER_KEY, Inputs.read("ledger-ACC-3001.csv"));
        stack.upload(STATEMENT_KEY, Inputs.read("statement-ACC-3001.csv"));
        // A night runs as soon as one side is staged: wait for the result with both files.
        stack.awaitReconciliation("ACC-3001", DATE, 3, 3, Duration.ofMinutes(2));
        stack.awaitObjects(stack.outputs().outputBucket(), List.of("reports/reconciliation-2026-11-21.pdf"), first,
                Duration.ofMinutes(2));
        stack.await("the first delivery to finish", Duration.ofMinutes(2), () -> stack.backlog() == 0);
        ReconciliationDocument.Counts firstCounts = counts(stack);

        // Deliver the statement again: once more through S3 (a second upload of the same bytes)
        // and once as a duplicate of the ingest message, as SQS may do.
        Instant second = Instant.now();
        stack.upload(STATEMENT_KEY, Inputs.read("statement-ACC-3001.csv"));
        stack.sqs().sendMessage(b -> b.queueUrl(stack.outputs().ingestQueueUrl()).messageBody(Inputs.objectCreatedEvent(
                stack.outputs().dataBucket(), STATEMENT_KEY)));
        stack.awaitObjects(staging, List.of(RESULT_PREFIX + "result.json"), second, Duration.ofMinutes(2));
        stack.await("the repeated deliveries to finish", Duration.ofMinutes(2), () -> stack.backlog() == 0);

        List<StoredObject> results = stack.store().list(staging, RESULT_PREFIX);
        assertThat(results).extracting(o -> o.ref().key().substring(RESULT_PREFIX.length())).containsExactly(
                "manifest.json", "matches.csv", "result.json", "summary.json", "unmatched_ledger.csv",
                "unmatched_statement.csv");
        assertThat(stack.store().list(staging, "open-items/ACC-3001/")).extracting(o -> o.ref().key())
                .containsExactly("open-items/ACC-3001/2026-11-21/open_items.csv");
        assertThat(counts(stack)).isEqualTo(firstCounts);
        assertThat(counts(stack).statementRows()).isEqualTo(3);
        assertThat(counts(stack).matched()).isEqualTo(2);
        assertThat(stack.store().list(staging, "staged/statement/ACC-3001/2026-11-21/")).hasSize(1);
        assertThat(stack.store().list(stack.outputs().outputBucket(), "reports/reconciliation-2026-11-21")).hasSize(1);
    }

    private static ReconciliationDocument.Counts counts(StackDriver stack) {
        return ReconciliationDocument.read(RESULT_PREFIX + "result.json", new java.io.ByteArrayInputStream(
                stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(), RESULT_PREFIX + "result.json"))))
                .counts();
    }
}
