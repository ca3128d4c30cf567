package com.nightshift.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ReportIdTest {

    @Test
    void anIdIsTheLowerCaseKindAndTheBusinessDate() {
        assertThat(ReportId.of(ReportKind.RECONCILIATION, LocalDate.of(2026, 11, 20)).value())
                .isEqualTo("reconciliation-2026-11-20");
    }

    @Test
    void parsingGivesBackTheKindAndDate() {
        assertThat(ReportId.parse("risk-2026-11-20")).isEqualTo(ReportId.of(ReportKind.RISK, LocalDate.of(2026, 11, 20)));
    }

    @Test
    void pathsUnknownKindsAndImpossibleDatesAreRefused() {
        assertThatThrownBy(() -> ReportId.parse("../secrets/risk-2026-11-20")).hasMessageContaining("not <kind>-<yyyy-mm-dd>");
        assertThatThrownBy(() -> ReportId.parse("payroll-2026-11-20")).hasMessageContaining("unknown report kind 'payroll'");
        assertThatThrownBy(() -> ReportId.parse("risk-2026-02-30")).hasMessageContaining("no valid date");
        assertThatThrownBy(() -> ReportId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNightSummaryOfADateIsNightAndTheDate() {
        assertThat(ReportId.parse("night-2026-11-20")).isEqualTo(ReportId.of(ReportKind.NIGHT, LocalDate.of(2026, 11, 20)));
    }

    @Test
    void aReportJobIsRenderedFromTheLocationOfItsKindAndDate() {
        LocalDate date = LocalDate.of(2026, 11, 20);
        assertThat(ReportJob.of("j", ReportId.of(ReportKind.RECONCILIATION, date), "staging"))
                .isEqualTo(new ReportJob("j", ReportKind.RECONCILIATION, "staging", "results/recon/2026-11-20/",
                        "reconciliation-2026-11-20"));
        assertThat(ReportJob.resultKey(ReportId.of(ReportKind.RISK, date))).isEqualTo("results/risk/2026-11-20/var.json");
        assertThat(ReportJob.resultKey(ReportId.of(ReportKind.NIGHT, date))).isEqualTo("results/");
    }

    @Test
    void kindNamesAreReadInAnyCase() {
        assertThat(ReportId.kind("Risk")).isEqualTo(ReportKind.RISK);
    }
}
