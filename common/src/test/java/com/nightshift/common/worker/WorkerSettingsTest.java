package com.nightshift.common.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

    @ParameterizedTest(name = "delivery {0} backs off {1} s")
    @CsvSource({"1,5", "2,10", "3,20", "4,40", "6,160", "7,300", "50,300"})
    void retry_backoff_doubles_from_five_seconds_up_to_five_minutes(int receiveCount, long seconds) {
        assertThat(WorkerSettings.defaults().retryBackoff(receiveCount)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Test
    void long_poll_wait_above_twenty_seconds_is_refused() {
        assertThatThrownBy(() -> new WorkerSettings(1, Duration.ofSeconds(21), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ZERO, Duration.ZERO)).hasMessageContaining("waitTime");
    }

    @Test
    void more_than_ten_messages_per_receive_is_refused() {
        assertThatThrownBy(() -> new WorkerSettings(11, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxMessages");
    }
}
