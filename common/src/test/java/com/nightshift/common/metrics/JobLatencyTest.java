package com.nightshift.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.nightshift.common.trace.JobTrace;
import com.nightshift.common.worker.JobMessage;

class JobLatencyTest {

    private static final Instant DONE = Instant.parse("2026-11-26T07:00:05Z");

    private final List<String> lines = new ArrayList<>();
    private final Clock clock = Clock.fixed(DONE, ZoneOffset.UTC);
    private final BusinessMetrics metrics = BusinessMetrics.to(lines::add, "Nightshift/test", "processing-service", clock);

    @Test
    void a_finished_job_reports_the_time_from_its_message_being_sent_to_now() throws Exception {
        new JobLatency(message -> { }, metrics, "recon", clock)
                .handle(new JobMessage("m", "{}", 1, JobTrace.none(), DONE.minusSeconds(65)));

        assertThat(lines).hasSize(1);
        JsonNode document = BusinessMetricsTest.checkedAgainstSpecification(lines.get(0));
        assertThat(document.get("Stage").asText()).isEqualTo("recon");
        assertThat(document.get("JobLatency").asLong()).isEqualTo(65_000);
    }

    @Test
    void a_failed_job_reports_no_latency() {
        JobLatency handler = new JobLatency(message -> {
            throw new IllegalStateException("no");
        }, metrics, "recon", clock);

        assertThatThrownBy(() -> handler.handle(new JobMessage("m", "{}", 1, JobTrace.none(), DONE)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(lines).isEmpty();
    }

    @Test
    void a_message_without_a_sending_time_reports_no_latency() throws Exception {
        new JobLatency(message -> { }, metrics, "recon", clock).handle(new JobMessage("m", "{}", 1, JobTrace.none()));

        assertThat(lines).isEmpty();
    }
}
