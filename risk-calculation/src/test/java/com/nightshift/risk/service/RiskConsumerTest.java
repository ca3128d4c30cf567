package com.nightshift.risk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.nightshift.common.risk.VarSettings;

class RiskConsumerTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    @Test
    void scheduled_message_runs_for_the_business_date_of_the_night() {
        var job = RiskConsumer.riskJob("{\"jobId\":\"risk-nightly\",\"trigger\":\"schedule\"}",
                java.time.Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(job.businessDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(job.jobId()).isEqualTo("risk-nightly-2026-11-23");
    }

    @Test
    void a_job_with_a_business_date_runs_for_that_date() {
        var job = RiskConsumer.riskJob("{\"jobId\":\"risk-2026-11-20\",\"businessDate\":\"2026-11-20\"}",
                java.time.Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(job.businessDate()).isEqualTo(DATE);
    }

    @Test
    void a_job_without_date_or_schedule_trigger_is_refused() {
        assertThatThrownBy(() -> RiskConsumer.riskJob("{\"jobId\":\"x\"}", java.time.Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void test_settings_areTheDefaultsWithWhatTheTaskDefinitionSets() {
        assertThat(RiskConsumer.settings(VarSettings.DEFAULT_SCENARIOS, VarSettings.DEFAULT_CONFIDENCE,
                VarSettings.DEFAULT_SEED)).isEqualTo(VarSettings.DEFAULTS);
        assertThat(RiskConsumer.settings(2_000, 0.975, 7L)).isEqualTo(new VarSettings(2_000, 0.975,
                VarSettings.DEFAULT_HORIZON_DAYS, 7L, VarSettings.DEFAULT_LOOKBACK_DAYS));
    }
}
