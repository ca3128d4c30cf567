package com.nightshift.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.storage.ObjectRef;
import com.nightshift.local.StackDriver;

/**
 * Nights that depend on each other: an entry left open one night matches the next night, and a corrected
 * file that takes an (account, date) away re-runs that night, or removes it when nothing is left of it.
 */
@ExtendWith(StackUnderTest.class)
class OpenItemsIT {

    private static final String HEADER = "entry_id,account,booking_date,value_date,amount,currency,counterparty,reference,description\n";
    private static final LocalDate NIGHT_1 = LocalDate.of(2026, 11, 25);
    private static final LocalDate NIGHT_2 = LocalDate.of(2026, 11, 26);
    private static final LocalDate LATER = LocalDate.of(2026, 11, 27);
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Test
    void an_entry_left_open_one_night_matches_the_next_night(StackDriver stack) {
        stack.upload("inbound/ledger/ledger-ACC-4001-" + NIGHT_1 + ".csv", csv(
                row("L-4001-1", "ACC-4001", NIGHT_1, "100.00", "REF-41"),
                row("L-4001-2", "ACC-4001", NIGHT_1, "250.00", "REF-42")));
        stack.upload("inbound/statements/ACC-4001-" + NIGHT_1 + ".csv", csv(
                row("S-4001-2", "ACC-4001", NIGHT_1, "250.00", "ref 42")));
        stack.awaitReconciliation("ACC-4001", NIGHT_1, 2, 1, WAIT);
        JsonNode night1 = result(stack, "ACC-4001", NIGHT_1);
        assertThat(night1.path("counts").path("unmatchedLedger").asInt()).isEqualTo(1);
        assertThat(night1.path("unmatchedLedger").get(0).path("entryId").asText()).isEqualTo("L-4001-1");
        assertThat(text(stack, "open-items/ACC-4001/" + NIGHT_1 + "/open_items.csv"))
                .contains("ledger," + NIGHT_1 + ",L-4001-1,ACC-4001");

        stack.upload("inbound/statements/ACC-4001-" + NIGHT_2 + ".csv", csv(
                row("S-4001-1", "ACC-4001", NIGHT_2, "100.00", "REF-41")));
        // Night 2 has no ledger of its own: the carried entry is its one ledger entry.
        stack.awaitReconciliation("ACC-4001", NIGHT_2, 1, 1, WAIT);

        JsonNode night2 = result(stack, "ACC-4001", NIGHT_2);
        assertThat(night2.path("rules").toString()).isEqualTo("[\"exact\",\"tolerance\",\"aggregate\"]");
        assertThat(night2.path("counts").path("matched").asInt()).isEqualTo(1);
        assertThat(night2.path("counts").path("matchedByRule").path("exact").asInt()).isEqualTo(1);
        assertThat(night2.path("counts").path("unmatchedLedger").asInt()).isZero();
        assertThat(night2.path("counts").path("unmatchedStatement").asInt()).isZero();
        assertThat(night2.path("matches").get(0).path("ledgerEntryIds").get(0).asText()).isEqualTo("L-4001-1");
        assertThat(night2.path("matches").get(0).path("rule").asText()).isEqualTo("exact");
        assertThat(text(stack, "results/recon/" + NIGHT_2 + "/ACC-4001/matches.csv").lines()).containsExactly(
                "ledger_ids,statement_ids,rule,amount_difference,value_date_difference_days",
                "L-4001-1,S-4001-1,exact,0.00,1");
        assertThat(night2.path("manifest").path("parameters").path("openItems").asText())
                .isEqualTo("open-items/ACC-4001/" + NIGHT_1 + "/open_items.csv");
        assertThat(text(stack, "open-items/ACC-4001/" + NIGHT_2 + "/open_items.csv").lines()).hasSize(1);
    }

    @Test
    void a_corrected_file_without_the_only_entries_of_a_night_removes_that_night(StackDriver stack) {
        String key = "inbound/statements/ACC-4003-corrected.csv";
        stack.upload(key, csv(row("S-4003-1", "ACC-4003", NIGHT_1, "75.00", "REF-43")));
        stack.awaitReconciliation("ACC-4003", NIGHT_1, 0, 1, WAIT);
        assertThat(keys(stack, "open-items/ACC-4003/" + NIGHT_1 + "/")).hasSize(1);

        // The same object again, corrected: its entry belongs to a later date.
        stack.upload(key, csv(row("S-4003-1", "ACC-4003", LATER, "75.00", "REF-43")));
        stack.awaitReconciliation("ACC-4003", LATER, 0, 1, WAIT);
        stack.await("the results of ACC-4003 on " + NIGHT_1 + " to be removed", WAIT,
                () -> keys(stack, "results/recon/" + NIGHT_1 + "/ACC-4003/").isEmpty());

        assertThat(keys(stack, "open-items/ACC-4003/" + NIGHT_1 + "/")).isEmpty();
        assertThat(keys(stack, "staged/statement/ACC-4003/")).containsExactly(
                "staged/statement/ACC-4003/" + LATER + "/statements~ACC-4003-corrected.csv");
    }

    @Test
    void a_corrected_file_without_one_side_of_a_night_reruns_that_night(StackDriver stack) {
        String key = "inbound/statements/ACC-4002-corrected.csv";
        stack.upload("inbound/ledger/ledger-ACC-4002-" + NIGHT_1 + ".csv",
                csv(row("L-4002-1", "ACC-4002", NIGHT_1, "60.00", "REF-44")));
        stack.upload(key, csv(row("S-4002-1", "ACC-4002", NIGHT_1, "60.00", "REF-44")));
        stack.awaitReconciliation("ACC-4002", NIGHT_1, 1, 1, WAIT);
        assertThat(result(stack, "ACC-4002", NIGHT_1).path("counts").path("matched").asInt()).isEqualTo(1);

        stack.upload(key, csv(row("S-4002-1", "ACC-4002", LATER, "60.00", "REF-44")));
        stack.awaitReconciliation("ACC-4002", NIGHT_1, 1, 0, WAIT);

        JsonNode rerun = result(stack, "ACC-4002", NIGHT_1);
        assertThat(rerun.path("counts").path("matched").asInt()).isZero();
        assertThat(rerun.path("counts").path("unmatchedLedger").asInt()).isEqualTo(1);
        assertThat(rerun.path("manifest").path("inputs").findValuesAsText("key"))
                .containsExactly("staged/ledger/ACC-4002/" + NIGHT_1 + "/ledger~ledger-ACC-4002-" + NIGHT_1 + ".csv");
    }

    private static byte[] csv(String... rows) {
        return (HEADER + String.join("", rows)).getBytes(StandardCharsets.UTF_8);
    }

    private static String row(String id, String account, LocalDate date, String amount, String reference) {
        return String.join(",", id, account, date.toString(), date.toString(), amount, "EUR", "Delta", reference, "")
                + "\n";
    }

    private static JsonNode result(StackDriver stack, String account, LocalDate date) {
        return stack.stagingJson("results/recon/" + date + "/" + account + "/result.json").orElseThrow();
    }

    private static String text(StackDriver stack, String key) {
        return new String(stack.store().read(ObjectRef.of(stack.outputs().stagingBucket(), key)), StandardCharsets.UTF_8);
    }

    private static List<String> keys(StackDriver stack, String prefix) {
        return stack.store().list(stack.outputs().stagingBucket(), prefix).stream().map(o -> o.ref().key()).toList();
    }
}
