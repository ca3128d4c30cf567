package com.nightshift.reconciliation;

import static com.nightshift.reconciliation.Entries.BUSINESS_DATE;
import static com.nightshift.reconciliation.Entries.EUR;
import static com.nightshift.reconciliation.Entries.entry;
import static com.nightshift.reconciliation.Entries.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchTest {

    @Test
    void the_differences_are_statement_minus_ledger() {
        Match match = Match.of(MatchRule.TOLERANCE, List.of(entry("L1", BUSINESS_DATE.minusDays(4), "10.00", "", "")),
                List.of(entry("S1", BUSINESS_DATE, "9.99", "", "")));
        assertThat(match.amountDifference()).isEqualByComparingTo("-0.01");
        assertThat(match.valueDateDifferenceDays()).isEqualTo(4);
    }

    @Test
    void an_aggregate_reports_the_widest_date_difference_positive_on_a_tie() {
        Match match = Match.of(MatchRule.AGGREGATE,
                List.of(entry("L1", BUSINESS_DATE.minusDays(1), "1.00", "", ""), entry("L2", BUSINESS_DATE.plusDays(3), "2.00", "", "")),
                List.of(entry("S1", BUSINESS_DATE, "3.00", "", "")));
        assertThat(match.valueDateDifferenceDays()).isEqualTo(1);
    }

    @Test
    void a_match_must_fit_its_rule() {
        var l = entry("L1", "1.00", "", "");
        var s = entry("S1", "1.00", "", "");
        assertThatThrownBy(() -> Match.of(MatchRule.AGGREGATE, List.of(l), List.of(s))).hasMessageContaining("aggregate");
        assertThatThrownBy(() -> Match.of(MatchRule.EXACT, List.of(l, l), List.of(s))).hasMessageContaining("exact");
        assertThatThrownBy(() -> Match.of(MatchRule.AGGREGATE, List.of(l, l), List.of(s, s)))
                .hasMessageContaining("2 ledger with 2 statement");
        assertThatThrownBy(() -> Match.of(MatchRule.EXACT, List.of(l), List.of()))
                .hasMessageContaining("at least one entry on each side");
        assertThatThrownBy(() -> Match.of(MatchRule.EXACT, List.of(l), List.of(in(EUR, s))))
                .hasMessageContaining("entry 'S1' is not in ACC-1 USD");
        assertThatThrownBy(() -> new Match(MatchRule.EXACT, List.of(l), List.of(s), BigDecimal.ONE, 0))
                .hasMessageContaining("amountDifference");
    }

    @Test
    void rules_and_sides_have_stable_names() {
        assertThat(MatchRule.byId("tolerance")).contains(MatchRule.TOLERANCE);
        assertThat(MatchRule.byId("Tolerance")).isEmpty();
        assertThat(MatchRule.AGGREGATE).hasToString("aggregate");
        assertThat(Side.byId("statement")).contains(Side.STATEMENT);
        assertThat(Side.byId("bank")).isEmpty();
        assertThat(Side.LEDGER).hasToString("ledger");
    }
}
