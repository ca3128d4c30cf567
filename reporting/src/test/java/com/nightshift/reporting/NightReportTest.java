package com.nightshift.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nightshift.reporting.pdf.ReportDocument;

/** The night summary: what arrived, what ran and when, against 09:30 New York on the next weekday. */
class NightReportTest {

    /** A Friday. */
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);

    private static NightSummary night() {
        return NightSummary.fromObjects(FRIDAY, Map.of(
                "staged/ledger/ACC-1/2026-11-20/ledger.csv", Instant.parse("2026-11-20T23:00:00Z"),
                "staged/statement/ACC-1/2026-11-20/bank.csv", Instant.parse("2026-11-20T23:05:00Z"),
                "staged/ledger/ACC-1/2026-11-19/ledger.csv", Instant.parse("2026-11-19T23:00:00Z"),
                "results/recon/2026-11-20/ACC-1/result.json", Instant.parse("2026-11-20T23:06:00Z"),
                "results/recon/2026-11-20/ACC-1/matches.csv", Instant.parse("2026-11-20T23:06:00Z"),
                "results/recon/2026-11-19/ACC-1/result.json", Instant.parse("2026-11-19T23:06:00Z"),
                "results/risk/2026-11-20/var.json", Instant.parse("2026-11-23T15:00:00Z")),
                Map.of("reconciliation-2026-11-20", Instant.parse("2026-11-20T23:07:00Z"),
                        "risk-2026-11-20", Instant.parse("2026-11-23T15:01:00Z"),
                        "night-2026-11-20", Instant.parse("2026-11-20T23:08:00Z"),
                        "risk-2026-11-19", Instant.parse("2026-11-19T23:08:00Z")),
                "night-2026-11-20");
    }

    @Test
    void the_deadline_is_half_past_nine_in_new_york_on_the_next_weekday() {
        assertThat(NightSummary.deadline(FRIDAY).toInstant()).isEqualTo(Instant.parse("2026-11-23T14:30:00Z"));
        assertThat(NightSummary.deadline(LocalDate.of(2026, 7, 14)).toInstant())
                .isEqualTo(Instant.parse("2026-07-15T13:30:00Z"));
    }

    @Test
    void the_summary_holds_the_inputs_jobs_and_other_reports_of_its_date_only() {
        NightSummary night = night();
        assertThat(night.inputs()).extracting(NightSummary.Event::name)
                .containsExactly("ledger/ACC-1/2026-11-20/ledger.csv", "statement/ACC-1/2026-11-20/bank.csv");
        assertThat(night.jobs()).extracting(NightSummary.Event::name)
                .containsExactly("reconciliation of ACC-1", "risk run (VaR and ES)");
        assertThat(night.reports()).extracting(NightSummary.Event::name)
                .containsExactly("reconciliation-2026-11-20", "risk-2026-11-20");
    }

    @Test
    void the_report_states_the_deadline_and_each_step_against_it() {
        ReportDocument document = NightReport.compose(night(), "run-1", Instant.parse("2026-11-23T15:02:00Z"));
        String text = RenderedText.of(document);
        assertThat(RenderedText.pages(document)).isEqualTo(1);
        assertThat(text.replaceAll("\\s+", " ")).contains("the deadline is 09:30 America/New_York on the next"
                + " weekday after the business date");
        assertThat(text).contains("Night summary 2026-11-20")
                .contains("Monday 2026-11-23 09:30 EST (2026-11-23 14:30 UTC)")
                .containsPattern("(?m)^ledger/ACC-1/2026-11-20/ledger.csv 2026-11-20 23:00 UTC 63 h 30 min before\\s*$")
                .containsPattern("(?m)^risk run \\(VaR and ES\\) 2026-11-23 15:00 UTC 30 min late\\s*$")
                .containsPattern("(?m)^risk-2026-11-20 2026-11-23 15:01 UTC 31 min late\\s*$")
                .containsPattern("(?m)^Done after the deadline 2\\s*$")
                .contains("2 of 6 listed were done after the deadline");
    }

    @Test
    void a_night_on_time_says_so() {
        NightSummary early = new NightSummary(FRIDAY, List.of(new NightSummary.Event("ledger.csv",
                Instant.parse("2026-11-20T23:00:00Z"))), List.of(), List.of());
        assertThat(RenderedText.of(NightReport.compose(early, "run-1", Instant.parse("2026-11-21T00:00:00Z"))))
                .contains("Everything listed was done before the deadline");
    }

    @Test
    void the_summary_reads_back_what_was_written_and_refuses_a_renamed_field_by_name() {
        NightSummary night = night();
        assertThat(NightSummary.read("night.json", new ByteArrayInputStream(NightSummary.write(night)))).isEqualTo(night);
        String broken = new String(NightSummary.write(night), StandardCharsets.UTF_8).replace("\"jobs\"", "\"runs\"");
        assertThatThrownBy(() -> NightSummary.read("in/night.json",
                new ByteArrayInputStream(broken.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("in/night.json").hasMessageContaining("missing field 'jobs'");
    }
}
