package com.nightshift.common.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.nightshift.common.trace.JobTrace;

/** What a failed job says about itself: short, one line, and whether SQS dead-letters it next. */
class JobFailureTest {

    @Test
    void the_error_summary_is_the_type_and_the_first_line_of_the_message() {
        assertThat(JobFailure.summary(new IllegalStateException("bad file\nrow: 1,ACC-1,secret stuff")))
                .isEqualTo("IllegalStateException: bad file");
    }

    @Test
    void the_error_summary_is_cut_to_its_maximum_length() {
        String summary = JobFailure.summary(new IllegalArgumentException("x".repeat(500)));

        assertThat(summary).hasSize(JobFailure.MAX_ERROR_LENGTH).endsWith("...");
    }

    @Test
    void an_error_without_a_message_is_summarised_by_its_type() {
        assertThat(JobFailure.summary(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void the_job_id_is_read_from_a_job_message_body() {
        JobFailure failure = JobFailure.of("recon", "q", message("{\"jobId\":\"recon-1\",\"account\":\"A\"}", 1), 5,
                new RuntimeException("x"));

        assertThat(failure.jobId()).contains("recon-1");
    }

    @Test
    void a_job_id_that_is_not_an_id_is_left_out() {
        JobFailure failure = JobFailure.of("recon", "q", message("{\"jobId\":\"../../etc\"}", 1), 5,
                new RuntimeException("x"));

        assertThat(failure.jobId()).isEmpty();
    }

    @Test
    void the_delivery_at_the_maximum_receive_count_is_dead_lettered() {
        assertThat(failure(4, 5).deadLettered()).isFalse();
        assertThat(failure(5, 5).deadLettered()).isTrue();
    }

    @Test
    void without_a_redrive_policy_nothing_is_dead_lettered() {
        assertThat(failure(100, 0).deadLettered()).isFalse();
    }

    private static JobFailure failure(int receiveCount, int maxReceiveCount) {
        return new JobFailure("w", "q", "m", Optional.empty(), receiveCount, maxReceiveCount, "E");
    }

    private static JobMessage message(String body, int receiveCount) {
        return new JobMessage("m-1", body, receiveCount, JobTrace.none());
    }
}
