package com.nightshift.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void a_percentage_is_rounded_to_its_decimals_not_printed_with_binary_noise() {
        assertThat(0.57 * 100).isEqualTo(56.99999999999999);
        assertThat(Figures.percent(0.57, 2)).isEqualTo("57.00%");
        assertThat(Figures.percent(0.0054, 1)).isEqualTo("0.5%");
        assertThat(Figures.level(0.99)).isEqualTo("99%");
        assertThat(Figures.level(0.975)).isEqualTo("97.5%");
    }

    @Test
    void an_exact_amount_keeps_every_digit_and_gets_separators() {
        assertThat(Figures.amount("-1250.5")).isEqualTo("-1,250.50");
        assertThat(Figures.amount("1234567.0001")).isEqualTo("1,234,567.0001");
        assertThat(Figures.amount("0")).isEqualTo("0.00");
    }

    @Test
    void simulated_amounts_counts_times_and_durations() {
        assertThat(Figures.money(12345.678)).isEqualTo("12,345.68");
        assertThat(Figures.count(100000)).isEqualTo("100,000");
        assertThat(Figures.utc(Instant.parse("2026-11-21T07:12:59Z"))).isEqualTo("2026-11-21 07:12 UTC");
        assertThat(Figures.hoursMinutes(Duration.ofMinutes(185))).isEqualTo("3 h 05 min");
        assertThat(Figures.hoursMinutes(Duration.ofMinutes(-12))).isEqualTo("12 min");
    }
}
