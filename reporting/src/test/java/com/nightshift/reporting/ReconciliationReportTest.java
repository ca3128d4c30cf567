package com.nightshift.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nightshift.common.manifest.InputObject;
import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.reconciliation.ReconciliationDocument;
import com.nightshift.reconciliation.ReconciliationDocument.Counts;
import com.nightshift.reconciliation.ReconciliationDocument.Item;
import com.nightshift.reconciliation.ReconciliationDocument.Match;
import com.nightshift.reconciliation.ReconciliationDocument.Totals;
import com.nightshift.reporting.pdf.ReportDocument;
import com.nightshift.reporting.pdf.ReportSection;

/** The reconciliation report of a date: every figure comes from the account results of that date. */
class ReconciliationReportTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);
    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");
    private static final List<String> RULES = List.of("exact", "tolerance", "aggregate");
    private static final ResultManifest MANIFEST = new ResultManifest(
            List.of(new InputObject("staging", "staged/ledger/ACC-1/2026-11-20/l.csv", "e", "ab12")),
            Map.of("valueDateWindowBusinessDays", "3"), "1.2.3", Instant.parse("2026-11-21T03:00:00Z"), "5ig");

    private static Item item(String id, String amount, LocalDate firstSeen, String reference) {
        return new Item(id, firstSeen, firstSeen, amount, "USD", "Acme", reference, "", firstSeen,
                java.time.temporal.ChronoUnit.DAYS.between(firstSeen, DATE));
    }

    private static ReconciliationDocument account(String account, List<String> rules, List<Match> matches,
            List<Item> ledger, List<Item> statement) {
        return new ReconciliationDocument(account, DATE, rules,
                new Counts(10, 8, matches.size(), Map.of("exact", (long) matches.size() - 1, "tolerance", 1L,
                        "aggregate", 0L), ledger.size(), statement.size(), 1),
                List.of(new Totals("USD", "-1250.5", "-1250.49", "0.01")), matches, ledger, statement, MANIFEST);
    }

    private static ReconciliationDocument acc1() {
        return account("ACC-1", RULES,
                List.of(new Match(List.of("L1"), List.of("S1"), "exact", "0.00", 0),
                        new Match(List.of("L2"), List.of("S2"), "tolerance", "-0.01", 1)),
                List.of(item("L7", "-80.00", DATE.minusDays(12), "INV-7"), item("L8", "-5000.00", DATE, "INV-8")),
                List.of(item("S9", "12.34", DATE.minusDays(2), "FEE-9")));
    }

    private static ReconciliationDocument acc2() {
        return account("ACC-2", RULES, List.of(new Match(List.of("L1"), List.of("S1"), "exact", "0", 0),
                new Match(List.of("L3", "L4"), List.of("S3"), "tolerance", "0.0050", 2)),
                List.of(item("L5", "700.00", DATE, "INV-5")), List.of(item("S6", "-99.99", DATE.minusDays(40), "X-6")));
    }

    private static ReportDocument report(ReconciliationDocument... accounts) {
        return ReconciliationReport.compose(DATE, List.of(accounts), "run-1", NOW);
    }

    @Test
    void the_summary_per_account_states_the_counts_of_each_account_result() {
        String text = RenderedText.of(report(acc2(), acc1()));
        assertThat(text).contains("Reconciliation 2026-11-20").contains("Business date 2026-11-20, 2 accounts")
                .containsPattern("(?m)^ACC-1 10 8 1 1 0 1 2 1\\s*$")
                .containsPattern("(?m)^ACC-2 10 8 1 1 0 1 1 1\\s*$")
                .containsPattern("(?m)^Ledger entries 20\\s*$").containsPattern("(?m)^Matches by rule tolerance 2\\s*$")
                .containsPattern("(?m)^Unmatched ledger entries 3\\s*$");
    }

    @Test
    void totals_per_account_and_currency_are_shown_exactly_with_separators() {
        assertThat(RenderedText.of(report(acc1()))).containsPattern("(?m)^ACC-1 USD -1,250.50 -1,250.49 0.01\\s*$");
    }

    @Test
    void the_match_rule_line_is_the_rules_the_results_ran() {
        ReconciliationDocument exactOnly = account("ACC-3", List.of("exact"), List.of(), List.of(), List.of());
        ReportDocument document = report(exactOnly);
        assertThat(document.subtitleLines().get(1)).startsWith("Match rules, in the order they ran: exact;");
        assertThat(RenderedText.section(document, ReportSection.Table.class, "Summary per account").columns())
                .extracting(c -> c.header()).containsExactly("Account", "Ledger", "Statement", "Matched exact",
                        "With difference", "Unmatched ledger", "Unmatched statement");
    }

    @Test
    void the_ageing_chart_counts_the_unmatched_entries_per_age_bucket() {
        ReportSection.BarChart chart = RenderedText.section(report(acc1(), acc2()), ReportSection.BarChart.class, "Ageing");
        assertThat(chart.bars()).extracting(ReportSection.BarChart.Bar::label).containsExactly("0 days", "1-2 days",
                "3-5 days", "6-10 days", "11-30 days", "over 30 days");
        assertThat(chart.bars()).extracting(ReportSection.BarChart.Bar::value).containsExactly(2.0, 1.0, 0.0, 0.0, 1.0, 1.0);
    }

    @Test
    void breaks_are_listed_largest_amount_first_with_their_references() {
        ReportSection.Table breaks = RenderedText.section(report(acc1(), acc2()), ReportSection.Table.class, "Breaks");
        assertThat(breaks.rows()).extracting(r -> r.get(2)).containsExactly("L8", "L5");
        assertThat(breaks.rows().get(0)).containsExactly("ACC-1", "ledger", "L8", "INV-8", "2026-11-20", "2026-11-20",
                "0", "-5,000.00", "USD");
    }

    @Test
    void open_items_of_earlier_nights_are_listed_oldest_first() {
        ReportSection.Table open = RenderedText.section(report(acc1(), acc2()), ReportSection.Table.class, "Open items");
        assertThat(open.rows()).extracting(r -> r.get(2) + "@" + r.get(6)).containsExactly("S6@40", "L7@12", "S9@2");
        assertThat(RenderedText.of(report(acc1(), acc2()))).containsPattern("(?m)^ACC-2 statement S6 X-6 .* 40 -99.99 USD\\s*$");
    }

    @Test
    void matches_with_an_amount_difference_are_listed_largest_first() {
        ReportSection.Table differences = RenderedText.section(report(acc1(), acc2()), ReportSection.Table.class,
                "Matches with an amount difference");
        assertThat(differences.rows()).extracting(r -> r.get(0) + ":" + r.get(2) + ":" + r.get(5))
                .containsExactly("ACC-1:L2:-0.01", "ACC-2:L3; L4:0.0050");
    }

    @Test
    void the_manifest_of_each_account_is_shown_with_its_inputs_and_signature() {
        assertThat(RenderedText.of(report(acc1()))).contains("s3://staging/staged/ledger/ACC-1/2026-11-20/l.csv sha256 ab12")
                .contains("signature (HMAC-SHA256) 5ig").contains("valueDateWindowBusinessDays=3");
    }

    @Test
    void a_result_of_another_date_is_refused_naming_the_account() {
        ReconciliationDocument other = new ReconciliationDocument("ACC-9", DATE.minusDays(1), RULES, acc1().counts(),
                List.of(), List.of(), List.of(), List.of(), MANIFEST);
        assertThatThrownBy(() -> report(acc1(), other)).hasMessageContaining("ACC-9").hasMessageContaining("2026-11-19");
        assertThatThrownBy(() -> report(acc1(), acc1())).hasMessageContaining("two results of account ACC-1");
    }

    @Test
    void a_date_without_results_gives_a_report_that_says_so() {
        String text = RenderedText.of(report());
        assertThat(text).contains("0 accounts").contains("No account has a reconciliation result for this date");
    }

    @Test
    void a_hundred_thousand_unmatched_entries_are_each_listed_once() {
        List<Item> many = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(item("L" + i, i % 2 == 0 ? "-" + i + ".25" : i + ".5", DATE.minusDays(i % 45), "R" + i));
        }
        ReportDocument document = report(account("ACC-BIG", RULES, List.of(), many, List.of()));
        ReportSection.Table breaks = RenderedText.section(document, ReportSection.Table.class, "Breaks");
        ReportSection.Table open = RenderedText.section(document, ReportSection.Table.class, "Open items");
        assertThat(breaks.rows().size() + open.rows().size()).isEqualTo(100_000);
        assertThat(breaks.heading()).endsWith("(" + Figures.count(breaks.rows().size()) + ")");
        assertThat(RenderedText.section(document, ReportSection.BarChart.class, "Ageing").bars().stream()
                .mapToDouble(ReportSection.BarChart.Bar::value).sum()).isEqualTo(100_000.0);
    }
}
