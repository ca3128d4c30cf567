package com.nightshift.recon.engine;

import static com.nightshift.recon.engine.Rows.ACCOUNT;
import static com.nightshift.recon.engine.Rows.DATE;
import static com.nightshift.recon.engine.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.transaction.AccountId;
import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationEngineTest {

    private final ReconciliationEngine engine = ReconciliationEngine.exactMatching();

    private ReconciliationResult reconcile(List<Transaction> ledger, List<Transaction> statement) {
        return engine.reconcile(ACCOUNT, DATE, ledger, statement);
    }

    @Test
    void counts_add_up_on_each_side() {
        ReconciliationResult result = reconcile(
                List.of(row("L1", "10", "A"), row("L2", "20", "B"), row("L3", "30", "C")),
                List.of(row("S1", "10", "A"), row("S2", "99", "X")));
        assertThat(result.counts()).isEqualTo(new ReconciliationCounts(3, 2, 1, 2, 1));
    }

    @Test
    void unmatched_rows_of_each_side_are_listed() {
        ReconciliationResult result = reconcile(
                List.of(row("L1", "10", "A"), row("L2", "20", "B")),
                List.of(row("S1", "10", "A"), row("S2", "99", "X")));
        assertThat(result.unmatchedLedger()).extracting(Transaction::entryId).containsExactly("L2");
        assertThat(result.unmatchedStatement()).extracting(Transaction::entryId).containsExactly("S2");
    }

    @Test
    void duplicate_statement_rows_pair_off_one_to_one() {
        ReconciliationResult result = reconcile(
                List.of(row("L1", "10", "A")),
                List.of(row("S1", "10", "A"), row("S2", "10", "A")));
        assertThat(result.matched()).extracting(MatchedPair::statementEntryId).containsExactly("S1");
        assertThat(result.unmatchedStatement()).extracting(Transaction::entryId).containsExactly("S2");
    }

    @Test
    void duplicate_ledger_rows_pair_off_one_to_one() {
        ReconciliationResult result = reconcile(
                List.of(row("L2", "10", "A"), row("L1", "10", "A")),
                List.of(row("S1", "10", "A")));
        assertThat(result.matched()).extracting(MatchedPair::ledgerEntryId).containsExactly("L1");
        assertThat(result.unmatchedLedger()).extracting(Transaction::entryId).containsExactly("L2");
    }

    @Test
    void identical_rows_are_distinct_rows_and_each_matches_once() {
        Transaction same = row("L1", "10", "A");
        ReconciliationResult result = reconcile(List.of(same, same), List.of(row("S1", "10", "A")));
        assertThat(result.counts()).isEqualTo(new ReconciliationCounts(2, 1, 1, 1, 0));
    }

    @Test
    void result_does_not_depend_on_input_order() {
        List<Transaction> ledger = new ArrayList<>(List.of(row("L1", "10", "A"), row("L2", "10", "A"),
                row("L3", "5", "B"), row("L4", "7", "USD", "C")));
        List<Transaction> statement = new ArrayList<>(List.of(row("S1", "10", "A"), row("S2", "5", "b"),
                row("S3", "8", "X"), row("S4", "10", "A")));
        ReconciliationResult first = reconcile(ledger, statement);
        Collections.reverse(ledger);
        Collections.rotate(statement, 2);
        assertThat(reconcile(ledger, statement)).isEqualTo(first);
    }

    @Test
    void matched_pairs_are_ordered_by_ledger_entry_id() {
        ReconciliationResult result = reconcile(
                List.of(row("L2", "20", "B"), row("L1", "10", "A")),
                List.of(row("S1", "20", "B"), row("S2", "10", "A")));
        assertThat(result.matched()).extracting(MatchedPair::ledgerEntryId).containsExactly("L1", "L2");
    }

    @Test
    void unmatched_rows_are_ordered_by_entry_id() {
        ReconciliationResult result = reconcile(List.of(row("L3", "1", "A"), row("L1", "2", "A"), row("L2", "3", "A")),
                List.of());
        assertThat(result.unmatchedLedger()).extracting(Transaction::entryId).containsExactly("L1", "L2", "L3");
    }

    @Test
    void totals_are_per_currency_for_each_side_ordered_by_code() {
        ReconciliationResult result = reconcile(
                List.of(row("L1", "10.50", "USD", "A"), row("L2", "-0.5", "EUR", "B"), row("L3", "2", "USD", "C")),
                List.of(row("S1", "10.5", "USD", "A"), row("S2", "1.25", "GBP", "X")));
        assertThat(result.totals()).extracting(t -> t.currency().getCurrencyCode()).containsExactly("EUR", "GBP", "USD");
        CurrencyTotals usd = result.totals().get(2);
        assertThat(usd.ledgerTotal()).isEqualByComparingTo("12.50");
        assertThat(usd.statementTotal()).isEqualByComparingTo("10.5");
        assertThat(usd.difference()).isEqualByComparingTo("-2.00");
        assertThat(result.totals().get(1).ledgerTotal()).isEqualByComparingTo("0");
    }

    @Test
    void empty_sides_give_an_empty_result() {
        ReconciliationResult result = reconcile(List.of(), List.of());
        assertThat(result.counts()).isEqualTo(new ReconciliationCounts(0, 0, 0, 0, 0));
        assertThat(result.totals()).isEmpty();
    }

    @Test
    void row_for_another_account_is_refused() {
        Transaction other = Transaction.of("L1", AccountId.of("ACC-2"), DATE, DATE, BigDecimal.ONE,
                Currency.getInstance("EUR"), "", "", "");
        assertThatThrownBy(() -> reconcile(List.of(other), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger entry 'L1' is for (ACC-2, 2026-11-20)");
    }

    @Test
    void row_for_another_booking_date_is_refused() {
        Transaction other = Transaction.of("S1", ACCOUNT, DATE.minusDays(1), DATE, BigDecimal.ONE,
                Currency.getInstance("EUR"), "", "", "");
        assertThatThrownBy(() -> reconcile(List.of(), List.of(other))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void later_rules_see_only_rows_earlier_rules_left_unmatched() {
        MatchRule sameAmountAnyReference = new MatchRule() {
            @Override
            public String name() {
                return "amount-only";
            }

            @Override
            public List<MatchedPair> pair(List<Transaction> ledger, List<Transaction> statement) {
                List<MatchedPair> pairs = new ArrayList<>();
                List<Transaction> open = new ArrayList<>(statement);
                for (Transaction l : ledger) {
                    open.stream().filter(s -> s.amount().compareTo(l.amount()) == 0).findFirst().ifPresent(s -> {
                        pairs.add(MatchedPair.of(l, s, name()));
                        open.remove(s);
                    });
                }
                return pairs;
            }
        };
        ReconciliationEngine twoRules = ReconciliationEngine.withRules(List.of(new ExactMatchRule(), sameAmountAnyReference));
        ReconciliationResult result = twoRules.reconcile(ACCOUNT, DATE,
                List.of(row("L1", "10", "A"), row("L2", "10", "B")),
                List.of(row("S1", "10", "B"), row("S2", "10", "Z")));
        assertThat(result.matched()).extracting(p -> p.ledgerEntryId() + "=" + p.statementEntryId() + ":" + p.rule())
                .containsExactly("L1=S2:amount-only", "L2=S1:exact");
    }

    @Test
    void rule_that_uses_a_row_twice_is_refused() {
        MatchRule greedy = new MatchRule() {
            @Override
            public String name() {
                return "greedy";
            }

            @Override
            public List<MatchedPair> pair(List<Transaction> ledger, List<Transaction> statement) {
                return statement.stream().map(s -> MatchedPair.of(ledger.get(0), s, name())).toList();
            }
        };
        assertThatThrownBy(() -> ReconciliationEngine.withRules(List.of(greedy)).reconcile(ACCOUNT, DATE,
                List.of(row("L1", "1", "A")), List.of(row("S1", "1", "A"), row("S2", "1", "A"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used a row twice");
    }

    @Test
    void engine_without_rules_is_refused() {
        assertThatThrownBy(() -> ReconciliationEngine.withRules(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
