package com.nightshift.reconciliation;

import static com.nightshift.reconciliation.Entries.BUSINESS_DATE;
import static com.nightshift.reconciliation.Entries.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.nightshift.common.transaction.Transaction;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Many entries that look alike: the engine stays linear and still makes the documented choice. */
class FloodTest {

    private static LocalDate weekdayBefore(int days) {
        LocalDate date = BUSINESS_DATE.minusDays(days);
        while (date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
            date = date.minusDays(1);
        }
        return date;
    }

    @Test
    void a_reference_and_amount_shared_by_many_entries_pairs_like_the_greedy_rule_says() {
        Random random = new Random(5);
        List<Transaction> ledger = new ArrayList<>();
        List<Transaction> statements = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ledger.add(entry(String.format(Locale.ROOT, "L%03d", i), weekdayBefore(random.nextInt(15)), "5.00", "", "MONTHLY FEE"));
            statements.add(entry(String.format(Locale.ROOT, "S%03d", i), weekdayBefore(random.nextInt(15)), "5.00", "", "monthly fee"));
        }
        var result = Reconciliation.run(ledger, statements, List.of(), ReconciliationRules.defaults(), BUSINESS_DATE);
        List<String> pairs = result.accounts().get(0).matches().stream()
                .map(m -> m.rule() + " " + m.ledger().get(0).entryId() + "=" + m.statement().get(0).entryId())
                .sorted().toList();
        assertThat(pairs).isEqualTo(greedy(ledger, statements, 3));
        assertThat(pairs).hasSizeGreaterThan(40);
    }

    /** Every pair within the window, best first (distance, then ids), each entry once. */
    private static List<String> greedy(List<Transaction> ledger, List<Transaction> statements, int window) {
        record Pair(Transaction l, Transaction s, int distance) {
        }
        List<Pair> pairs = new ArrayList<>();
        for (Transaction l : ledger) {
            for (Transaction s : statements) {
                int distance = Math.abs(BusinessDays.between(l.valueDate(), s.valueDate()));
                if (distance <= window) {
                    pairs.add(new Pair(l, s, distance));
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::distance).thenComparing(p -> p.l().entryId())
                .thenComparing(p -> p.s().entryId()));
        Set<String> used = new HashSet<>();
        List<String> chosen = new ArrayList<>();
        for (Pair p : pairs) {
            if (!used.contains(p.l().entryId()) && !used.contains(p.s().entryId())) {
                used.add(p.l().entryId());
                used.add(p.s().entryId());
                chosen.add("exact " + p.l().entryId() + "=" + p.s().entryId());
            }
        }
        return chosen.stream().sorted().toList();
    }

    @Test
    void a_flood_of_look_alike_payments_to_one_counterparty_is_matched_within_its_bound() {
        List<Transaction> ledger = new ArrayList<>();
        List<Transaction> statements = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ledger.add(entry(String.format(Locale.ROOT, "L%03d", i), "2.50", "Card Fees", ""));
            statements.add(entry(String.format(Locale.ROOT, "S%03d", i), "2.50", "CARD FEES", ""));
        }
        var result = Reconciliation.run(ledger, statements, List.of(), ReconciliationRules.defaults(), BUSINESS_DATE);
        var account = result.accounts().get(0);
        assertThat(account.matches()).allSatisfy(m -> assertThat(m.rule()).isEqualTo(MatchRule.TOLERANCE));
        assertThat(account.matches()).hasSizeGreaterThanOrEqualTo(Matcher.MAX_CANDIDATES);
        assertThat(account.matches().size() + account.unmatchedLedger().size()).isEqualTo(400);
    }
}
