package com.nightshift.reconciliation;

import static com.nightshift.reconciliation.Entries.BUSINESS_DATE;
import static com.nightshift.reconciliation.Entries.EUR;
import static com.nightshift.reconciliation.Entries.entry;
import static com.nightshift.reconciliation.Entries.in;
import static com.nightshift.reconciliation.Entries.inAccount;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.transaction.Transaction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's behaviour, one rule of the specification per test. */
class ReconciliationTest {

    private static final LocalDate FRIDAY = BUSINESS_DATE;
    private static final LocalDate THURSDAY = FRIDAY.minusDays(1);
    private static final LocalDate MONDAY = FRIDAY.minusDays(4);
    private static final ReconciliationRules DEFAULTS = ReconciliationRules.defaults();

    private static ReconciliationResult reconcile(List<Transaction> ledger, List<Transaction> statements) {
        return reconcile(ledger, statements, DEFAULTS);
    }

    private static ReconciliationResult reconcile(List<Transaction> ledger, List<Transaction> statements,
                                                  ReconciliationRules rules) {
        return Reconciliation.run(ledger, statements, List.of(), rules, BUSINESS_DATE);
    }

    private static List<Match> matches(ReconciliationResult result) {
        return result.accounts().stream().flatMap(a -> a.matches().stream()).toList();
    }

    private static List<String> pairs(ReconciliationResult result) {
        return matches(result).stream().map(m -> ids(m.ledger()) + "=" + ids(m.statement()) + ":" + m.rule()).toList();
    }

    private static String ids(List<Transaction> entries) {
        return String.join("+", entries.stream().map(Transaction::entryId).toList());
    }

    private static List<String> unmatched(ReconciliationResult result) {
        return result.openItems().stream().map(o -> o.entry().entryId()).toList();
    }

    // ---- exact ----

    @Test
    void exact_ignores_case_spaces_punctuation_and_unicode_compatibility_forms() {
        var result = reconcile(
                List.of(entry("L1", "-120.50", "Acme", "INV-2026/0042"), entry("L2", "99", "Acme", "PO 77")),
                List.of(entry("S1", "-120.5", "ACME", " inv 2026.0042 "), entry("S2", "99.00", "ACME", "ＰＯ７７")));
        assertThat(pairs(result)).containsExactly("L1=S1:exact", "L2=S2:exact");
        assertThat(matches(result).get(0).amountDifference()).isZero();
    }

    @Test
    void exact_finds_the_ledger_reference_in_the_statement_description() {
        var result = reconcile(
                List.of(entry("L1", "250.00", "Acme", "INV-2026-0042")),
                List.of(entry("S1", FRIDAY, "250.00", "ACME", "BNK123456", "Payment /inv 2026 0042/ thank you")));
        assertThat(pairs(result)).containsExactly("L1=S1:exact");
    }

    @Test
    void a_reference_inside_a_longer_word_of_the_description_is_not_found() {
        var result = reconcile(
                List.of(entry("L1", "250.00", "", "INV-0042")),
                List.of(entry("S1", FRIDAY, "250.00", "", "", "Payment XINV0042 thank you")));
        assertThat(pairs(result)).isEmpty();
    }

    @Test
    void blank_references_never_match_on_amount_alone() {
        var result = reconcile(
                List.of(entry("L1", "100.00", "", ""), entry("L2", "200.00", "Acme", " - ")),
                List.of(entry("S1", "100.00", "", ""), entry("S2", "200.00", "Globex", "")));
        assertThat(pairs(result)).isEmpty();
        assertThat(unmatched(result)).containsExactly("L1", "L2", "S1", "S2");
    }

    @Test
    void value_dates_at_the_edge_of_the_window_match() {
        // Friday to the Wednesday after: three business days, across a weekend.
        var result = reconcile(
                List.of(entry("L1", FRIDAY, "10.00", "", "R-1")),
                List.of(entry("S1", FRIDAY.plusDays(5), "10.00", "", "R-1")));
        assertThat(pairs(result)).containsExactly("L1=S1:exact");
        assertThat(matches(result).get(0).valueDateDifferenceDays()).isEqualTo(3);
    }

    @Test
    void a_value_date_one_business_day_over_the_window_is_unmatched() {
        var result = reconcile(
                List.of(entry("L1", FRIDAY, "10.00", "Acme", "R-1")),
                List.of(entry("S1", FRIDAY.plusDays(6), "10.00", "Acme", "R-1")));
        assertThat(pairs(result)).isEmpty();
        assertThat(unmatched(result)).containsExactly("L1", "S1");
    }

    @Test
    void a_weekend_value_date_counts_as_the_monday_after_it() {
        var window = DEFAULTS.withValueDateWindowBusinessDays(0);
        var result = reconcile(
                List.of(entry("L1", FRIDAY.plusDays(1), "10.00", "", "R-1"), entry("L2", FRIDAY, "11.00", "", "R-2")),
                List.of(entry("S1", FRIDAY.plusDays(3), "10.00", "", "R-1"), entry("S2", FRIDAY.plusDays(2), "11.00", "", "R-2")),
                window);
        assertThat(pairs(result)).containsExactly("L1=S1:exact");
    }

    @Test
    void entries_match_only_within_one_account_and_currency() {
        var result = reconcile(
                List.of(entry("L1", "10.00", "", "R-1"), entry("L2", "20.00", "", "R-2")),
                List.of(in(EUR, entry("S1", "10.00", "", "R-1")), inAccount("ACC-2", entry("S2", "20.00", "", "R-2"))));
        assertThat(pairs(result)).isEmpty();
        assertThat(result.accounts()).extracting(a -> a.account().value()).containsExactly("ACC-1", "ACC-2");
    }

    @Test
    void a_reversed_sign_does_not_match() {
        var result = reconcile(List.of(entry("L1", "-75.00", "Acme", "R-1")), List.of(entry("S1", "75.00", "Acme", "R-1")));
        assertThat(pairs(result)).isEmpty();
    }

    @Test
    void duplicates_pair_off_one_to_one_the_first_entry_id_first() {
        var result = reconcile(
                List.of(entry("L1", "10.00", "", "R-1")),
                List.of(entry("S2", "10.00", "", "R-1"), entry("S1", "10.00", "", "R-1")));
        assertThat(pairs(result)).containsExactly("L1=S1:exact");
        assertThat(unmatched(result)).containsExactly("S2");
    }

    @Test
    void between_candidates_the_nearer_value_date_wins() {
        var result = reconcile(
                List.of(entry("L1", MONDAY, "10.00", "", "R-1"), entry("L2", THURSDAY, "10.00", "", "R-1")),
                List.of(entry("S1", FRIDAY, "10.00", "", "R-1")));
        assertThat(pairs(result)).containsExactly("L2=S1:exact");
    }

    // ---- tolerance ----

    @Test
    void tolerance_matches_within_a_cent_and_reports_the_difference() {
        var result = reconcile(List.of(entry("L1", "100.00", "Acme", "R-1")), List.of(entry("S1", "99.99", "", "r 1")));
        assertThat(matches(result)).singleElement().satisfies(m -> {
            assertThat(m.rule()).isEqualTo(MatchRule.TOLERANCE);
            assertThat(m.amountDifference()).isEqualByComparingTo("-0.01");
        });
    }

    @Test
    void tolerance_matches_on_the_counterparty_when_references_differ() {
        var result = reconcile(List.of(entry("L1", "100.00", "Acme Corp.", "INV-1")),
                List.of(entry("S1", THURSDAY, "100.01", "ACME CORP", "BNK-99")));
        assertThat(pairs(result)).containsExactly("L1=S1:tolerance");
        assertThat(matches(result).get(0).valueDateDifferenceDays()).isEqualTo(-1);
    }

    @Test
    void an_amount_just_over_the_tolerance_does_not_match() {
        var result = reconcile(List.of(entry("L1", "100.00", "Acme", "R-1")), List.of(entry("S1", "100.011", "Acme", "R-1")));
        assertThat(pairs(result)).isEmpty();
    }

    @Test
    void a_basis_point_tolerance_grows_with_the_amount() {
        var rules = DEFAULTS.withTolerance(new ReconciliationRules.Tolerance(BigDecimal.ZERO, new BigDecimal("5")));
        var result = reconcile(
                List.of(entry("L1", "10000.00", "Acme", "R-1"), entry("L2", "100.00", "Globex", "R-2")),
                List.of(entry("S1", "10005.00", "Acme", ""), entry("S2", "100.06", "Globex", "")), rules);
        assertThat(pairs(result)).containsExactly("L1=S1:tolerance");
        assertThat(matches(result).get(0).amountDifference()).isEqualByComparingTo("5");
    }

    @Test
    void between_tolerance_candidates_the_equal_amount_wins_over_the_nearer_date() {
        var result = reconcile(
                List.of(entry("L1", THURSDAY, "50.00", "Acme", ""), entry("L2", FRIDAY, "50.01", "Acme", "")),
                List.of(entry("S1", FRIDAY, "50.00", "Acme", ""), entry("S2", THURSDAY, "50.01", "Acme", "")));
        assertThat(pairs(result)).containsExactly("L1=S1:tolerance", "L2=S2:tolerance");
    }

    @Test
    void a_rule_that_is_off_does_not_match() {
        var rules = DEFAULTS.withEnabled(EnumSet.of(MatchRule.EXACT, MatchRule.AGGREGATE));
        var result = reconcile(List.of(entry("L1", "100.00", "Acme", "R-1")), List.of(entry("S1", "100.01", "Acme", "R-1")),
                rules);
        assertThat(pairs(result)).isEmpty();
    }

    // ---- aggregate ----

    @Test
    void aggregate_matches_three_ledger_entries_to_one_statement_entry() {
        var result = reconcile(
                List.of(entry("L1", MONDAY.plusDays(2), "-100.00", "Payroll", "BATCH-7"),
                        entry("L2", "-250.50", "Payroll", "BATCH-7"), entry("L3", "-49.50", "Payroll", "BATCH-7"),
                        entry("L4", "-30.00", "Payroll", "BATCH-7")),
                List.of(entry("S1", "-400.00", "", "batch 7")));
        assertThat(pairs(result)).containsExactly("L1+L2+L3=S1:aggregate");
        assertThat(matches(result).get(0).valueDateDifferenceDays()).isEqualTo(2);
        assertThat(unmatched(result)).containsExactly("L4");
    }

    @Test
    void aggregate_matches_one_ledger_entry_to_three_statement_entries() {
        var result = reconcile(
                List.of(entry("L1", "900.00", "Acme", "INV-9")),
                List.of(entry("S1", "300.00", "ACME", ""), entry("S2", THURSDAY, "450.00", "ACME", ""),
                        entry("S3", "150.00", "A.C.M.E.", "")));
        assertThat(pairs(result)).containsExactly("L1=S1+S2+S3:aggregate");
        assertThat(matches(result).get(0).amountDifference()).isZero();
    }

    @Test
    void aggregate_needs_the_parts_to_share_a_reference_or_the_counterparty() {
        var result = reconcile(
                List.of(entry("L1", "100.00", "Acme", "A-1"), entry("L2", "200.00", "Globex", "B-2")),
                List.of(entry("S1", "300.00", "Initech", "C-3")));
        assertThat(pairs(result)).isEmpty();
    }

    @Test
    void aggregate_prefers_the_parts_nearest_in_value_date() {
        var result = reconcile(
                List.of(entry("L1", MONDAY.plusDays(1), "100.00", "Acme", "A-1"), entry("L2", "100.00", "Acme", "A-2"),
                        entry("L3", "200.00", "Acme", "A-3")),
                List.of(entry("S1", "300.00", "Acme", "")));
        assertThat(pairs(result)).containsExactly("L2+L3=S1:aggregate");
    }

    @Test
    void aggregate_takes_at_most_the_configured_number_of_entries() {
        var rules = DEFAULTS.withAggregate(new ReconciliationRules.Aggregate(2));
        var result = reconcile(
                List.of(entry("L1", "1.00", "Acme", ""), entry("L2", "2.00", "Acme", ""), entry("L3", "3.00", "Acme", "")),
                List.of(entry("S1", "6.00", "Acme", "")), rules);
        assertThat(pairs(result)).isEmpty();
    }

    // ---- open items ----

    @Test
    void an_open_item_from_a_previous_night_matches_and_what_stays_open_keeps_its_age() {
        LocalDate twoNightsAgo = BUSINESS_DATE.minusDays(2);
        var waiting = OpenItem.of(Side.LEDGER, entry("L1", THURSDAY, "80.00", "Acme", "INV-80"), twoNightsAgo);
        var stale = OpenItem.of(Side.STATEMENT, entry("S9", THURSDAY, "5.00", "Bank", "FEE"), BUSINESS_DATE.minusDays(9));
        var result = Reconciliation.run(List.of(entry("L2", "7.00", "", "")), List.of(entry("S1", "80.00", "ACME", "inv 80")),
                List.of(waiting, stale), DEFAULTS, BUSINESS_DATE);
        assertThat(pairs(result)).containsExactly("L1=S1:exact");
        assertThat(result.openItems()).containsExactly(
                OpenItem.of(Side.LEDGER, entry("L2", "7.00", "", ""), BUSINESS_DATE), stale);
        assertThat(result.openItems()).extracting(o -> o.ageDays(BUSINESS_DATE)).containsExactly(0L, 9L);
    }

    @Test
    void an_open_item_first_seen_after_the_business_date_is_refused() {
        var future = OpenItem.of(Side.LEDGER, entry("L1", "1.00", "", ""), BUSINESS_DATE.plusDays(1));
        assertThatThrownBy(() -> Reconciliation.run(List.of(), List.of(), List.of(future), DEFAULTS, BUSINESS_DATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("L1").hasMessageContaining("2026-11-21");
    }

    // ---- limits and arguments ----

    @Test
    void amounts_beyond_the_exact_range_stay_unmatched() {
        var result = reconcile(List.of(entry("L1", "100000000000000", "Acme", "R-1")),
                List.of(entry("S1", "100000000000000", "Acme", "R-1")));
        assertThat(pairs(result)).isEmpty();
        assertThat(unmatched(result)).containsExactly("L1", "S1");
    }

    @Test
    void threads_must_be_at_least_one() {
        assertThatThrownBy(() -> Reconciliation.run(List.of(), List.of(), List.of(), DEFAULTS, BUSINESS_DATE, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothing_in_gives_no_accounts() {
        var result = reconcile(List.of(), List.of());
        assertThat(result.accounts()).isEmpty();
        assertThat(result.matchCount()).isZero();
    }
}
