package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.json.JsonCodec;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.StackDriver;

/**
 * A statement with malformed rows: the bad rows go to a rejects object with their line numbers and
 * reasons, and the good rows are reconciled as if the bad ones had never been there.
 */
@ExtendWith(StackUnderTest.class)
class RejectsIT {

    private static final String STATEMENT_KEY = "inbound/statements/ACC-2001-2026-11-21.csv";
    private static final String SOURCE_ID = "statements~ACC-2001-2026-11-21";
    private static final String RESULT_KEY = "results/recon/2026-11-21/ACC-2001/result.json";

    @BeforeAll
    static void uploadLedgerAndMalformedStatement(StackDriver stack) {
        Instant uploaded = Instant.now();
        stack.upload("inbound/ledger/ledger-ACC-2001-2026-11-21.csv", Inputs.read("ledger-ACC-2001.csv"));
        stack.upload(STATEMENT_KEY, Inputs.read("statement-ACC-2001-malformed.csv"));
        stack.awaitObjects(stack.outputs().stagingBucket(),
                List.of("ingested/" + SOURCE_ID + ".json", "rejects/" + SOURCE_ID + ".csv", RESULT_KEY),
                uploaded, Duration.ofMinutes(2));
        stack.await("the reconciliation of ACC-2001 with both files", Duration.ofMinutes(2),
                () -> result(stack).path("counts").path("ledgerRows").asInt() == 4
                        && result(stack).path("counts").path("statementRows").asInt() == 3);
    }

    @Test
    void rejects_object_lists_exactly_the_malformed_rows_with_reasons(StackDriver stack) {
        String rejects = new String(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(),
                "rejects/" + SOURCE_ID + ".csv")), StandardCharsets.UTF_8);
        List<String> lines = rejects.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("line,reason,row");
        List<Integer> rejectedLines = lines.stream().skip(1).map(l -> Integer.parseInt(l.substring(0, l.indexOf(','))))
                .toList();
        assertThat(rejectedLines).containsExactly(3, 5, 6, 8, 9);
        assertThat(lines.get(1)).contains("amount");
        assertThat(lines.get(2)).contains("currency");
        assertThat(lines.get(4)).contains("date");
    }

    @Test
    void rows_read_equal_rows_accepted_plus_rows_rejected(StackDriver stack) {
        JsonNode summary = JsonCodec.tree(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(),
                "ingested/" + SOURCE_ID + ".json")));
        assertThat(summary.path("rowsRead").asInt()).isEqualTo(8);
        assertThat(summary.path("rowsAccepted").asInt()).isEqualTo(3);
        assertThat(summary.path("rowsRejected").asInt()).isEqualTo(5);
    }

    @Test
    void good_rows_of_the_malformed_file_are_reconciled(StackDriver stack) {
        JsonNode counts = result(stack).path("counts");
        assertThat(counts.path("statementRows").asInt()).isEqualTo(3);
        assertThat(counts.path("matched").asInt()).isEqualTo(3);
        assertThat(counts.path("unmatchedLedger").asInt()).isEqualTo(1);
        assertThat(counts.path("unmatchedStatement").asInt()).isZero();
    }

    private static JsonNode result(StackDriver stack) {
        return stack.staging(RESULT_KEY).isPresent()
                ? JsonCodec.tree(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(), RESULT_KEY)))
                : JsonCodec.mapper().createObjectNode();
    }
}
