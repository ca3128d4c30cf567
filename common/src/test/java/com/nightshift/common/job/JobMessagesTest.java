package com.nightshift.common.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.nightshift.common.json.JsonCodec;

class JobMessagesTest {

    @Test
    void recon_job_round_trips_through_json_with_an_iso_date() {
        ReconJob job = ReconJob.of("ACC-1", LocalDate.of(2026, 11, 20));
        String json = JsonCodec.write(job);
        assertThat(json).contains("\"businessDate\":\"2026-11-20\"");
        assertThat(JsonCodec.read(json, ReconJob.class)).isEqualTo(job);
    }

    @Test
    void recon_job_id_is_the_account_and_date_so_a_repeat_is_the_same_job() {
        assertThat(ReconJob.of("ACC-1", LocalDate.of(2026, 11, 20)).jobId()).isEqualTo("recon-2026-11-20-ACC-1");
    }

    @Test
    void report_job_round_trips_through_json() {
        ReportJob job = new ReportJob("j-1", ReportKind.RISK, "bucket", "results/risk/x.json", "risk-2026-11-20-PF");
        assertThat(JsonCodec.read(JsonCodec.write(job), ReportJob.class)).isEqualTo(job);
    }

    @Test
    void account_with_a_slash_is_refused_because_it_would_escape_its_key() {
        assertThatThrownBy(() -> ReconJob.of("ACC/../x", LocalDate.of(2026, 11, 20)))
                .hasMessageContaining("account");
    }

    @Test
    void unknown_properties_from_a_newer_producer_are_ignored() {
        RiskJob job = JsonCodec.read("{\"jobId\":\"risk-2026-11-20\",\"businessDate\":\"2026-11-20\",\"extra\":1}",
                RiskJob.class);
        assertThat(job.businessDate()).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void malformed_message_names_the_expected_type() {
        assertThatThrownBy(() -> JsonCodec.read("{\"jobId\":", ReconJob.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ReconJob");
    }

    @Test
    void risk_shard_and_merge_jobs_round_trip_through_json() {
        RiskShardJob shard = RiskShardJob.shard("risk-2026-11-20", java.time.LocalDate.of(2026, 11, 20),
                "0123456789abcdef", 25_000, 50_000);
        RiskShardJob merge = RiskShardJob.merge("risk-2026-11-20", java.time.LocalDate.of(2026, 11, 20),
                "0123456789abcdef");

        assertThat(JsonCodec.read(JsonCodec.write(shard), RiskShardJob.class)).isEqualTo(shard);
        assertThat(shard.jobId()).isEqualTo("risk-2026-11-20-25000");
        assertThat(shard.mergeStep()).isFalse();
        assertThat(JsonCodec.read(JsonCodec.write(merge), RiskShardJob.class)).isEqualTo(merge);
        assertThat(merge.mergeStep()).isTrue();
        assertThat(JsonCodec.write(merge)).doesNotContain("mergeStep");
    }

    @Test
    void risk_shard_job_refuses_an_unknown_step_or_an_empty_shard() {
        java.time.LocalDate day = java.time.LocalDate.of(2026, 11, 20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RiskShardJob("j", day, "split", "r", 0, 1))
                .hasMessageContaining("step must be shard or merge");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RiskShardJob("j", day, "shard", "r", 5, 5))
                .hasMessageContaining("shard [5, 5) is empty");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RiskShardJob("j", null, "merge", "r", 0, 0))
                .hasMessageContaining("businessDate");
    }
}
