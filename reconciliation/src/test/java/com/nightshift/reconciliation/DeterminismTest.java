package com.nightshift.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import com.nightshift.common.transaction.Transaction;
import com.nightshift.reconciliation.generator.ReconciliationDataGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The result depends on the entries only: not on their order, not on the number of threads. */
class DeterminismTest {

    private static final ReconciliationDataGenerator.GeneratedSet SET =
            ReconciliationDataGenerator.generate(ReconciliationDataGenerator.Settings.of(7, 20, 60));

    private static ReconciliationResult run(List<Transaction> ledger, List<Transaction> statements,
                                            List<OpenItem> openItems, int threads) {
        return Reconciliation.run(ledger, statements, openItems, SET.settings().rules(), SET.settings().businessDate(),
                threads);
    }

    private static <T> List<T> shuffled(List<T> items, long seed) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    @Test
    void input_order_does_not_change_the_result() {
        ReconciliationResult expected = run(SET.ledger(), SET.statements(), SET.openItems(), 1);
        assertThat(expected.matchCount()).isGreaterThan(500);
        for (long seed = 1; seed <= 5; seed++) {
            ReconciliationResult shuffled = run(shuffled(SET.ledger(), seed), shuffled(SET.statements(), seed + 100),
                    shuffled(SET.openItems(), seed + 200), 1);
            assertThat(shuffled).isEqualTo(expected);
        }
    }

    @Test
    void the_number_of_threads_does_not_change_the_result() {
        ReconciliationResult expected = run(SET.ledger(), SET.statements(), SET.openItems(), 1);
        assertThat(run(shuffled(SET.ledger(), 9), SET.statements(), SET.openItems(), 4)).isEqualTo(expected);
        assertThat(run(SET.ledger(), shuffled(SET.statements(), 3), SET.openItems(), 2)).isEqualTo(expected);
    }

    @Test
    void every_entry_is_in_exactly_one_match_or_unmatched_list() {
        ReconciliationResult result = run(SET.ledger(), SET.statements(), SET.openItems(), 1);
        List<String> seen = new ArrayList<>();
        for (AccountReconciliation account : result.accounts()) {
            for (Match match : account.matches()) {
                match.ledger().forEach(t -> seen.add("L" + t.entryId()));
                match.statement().forEach(t -> seen.add("S" + t.entryId()));
            }
            account.unmatchedLedger().forEach(o -> seen.add("L" + o.entry().entryId()));
            account.unmatchedStatement().forEach(o -> seen.add("S" + o.entry().entryId()));
        }
        List<String> given = new ArrayList<>();
        SET.ledger().forEach(t -> given.add("L" + t.entryId()));
        SET.statements().forEach(t -> given.add("S" + t.entryId()));
        SET.openItems().forEach(o -> given.add((o.side() == Side.LEDGER ? "L" : "S") + o.entry().entryId()));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(given);
    }
}
