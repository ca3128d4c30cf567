package com.nightshift.common.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessCalendarTest {

    @ParameterizedTest(name = "a run at {0} works on {1}")
    @CsvSource({
            // 02:00 New York on Tuesday 2026-11-24 (EST, UTC-5) works on Monday
            "2026-11-24T07:00:00Z, 2026-11-23",
            // 02:00 New York on Monday works on the Friday before
            "2026-11-23T07:00:00Z, 2026-11-20",
            // 23:30 New York on Friday is still Friday there (04:30 UTC Saturday): works on Thursday
            "2026-11-21T04:30:00Z, 2026-11-19",
            // summer time (EDT, UTC-4): 02:00 New York on Wednesday 2026-07-15
            "2026-07-15T06:00:00Z, 2026-07-14"})
    void night_works_on_the_last_weekday_before_today_in_new_york(String now, String expected) {
        assertThat(BusinessCalendar.businessDateOfNightAt(Instant.parse(now))).isEqualTo(LocalDate.parse(expected));
    }

    @ParameterizedTest(name = "business date {0} is due at {1}")
    @CsvSource({"2026-11-23, 2026-11-24T14:30:00Z", "2026-11-20, 2026-11-23T14:30:00Z", "2026-07-14, 2026-07-15T13:30:00Z"})
    void deadline_is_market_open_on_the_next_weekday(String businessDate, String deadline) {
        assertThat(BusinessCalendar.deadlineFor(LocalDate.parse(businessDate))).isEqualTo(Instant.parse(deadline));
    }
}
