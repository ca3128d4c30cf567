package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nightshift.common.csv.UnreadableFileException;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameDateTest {

    @ParameterizedTest
    @CsvSource({
            "inbound/positions/positions-2026-11-27.csv,             2026-11-27",
            "inbound/positions/2026-11-27.csv,                       2026-11-27",
            "inbound/positions/desk/eod_2026-11-26_to_2026-11-27,    2026-11-27",
            "inbound/positions/2025-01-01/positions-2026-11-27.csv,  2026-11-27",
            "inbound/positions/positions-12026-11-27-2026-11-20.csv, 2026-11-20",
            "inbound/positions/positions-2026-11-27-v2.csv,          2026-11-27"})
    void the_business_date_is_the_last_date_in_the_file_name(String key, LocalDate date) throws Exception {
        assertThat(FileNameDate.ofPositions(key)).isEqualTo(date);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbound/positions/eod.csv", "inbound/positions/2026-11-27/eod.csv",
            "inbound/positions/positions-20261127.csv", "inbound/positions/positions-12026-11-270.csv"})
    void a_file_name_without_a_date_is_unreadable(String key) {
        assertThatThrownBy(() -> FileNameDate.ofPositions(key))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith("positions file name must carry its business date as YYYY-MM-DD, "
                        + "e.g. positions-2026-11-27.csv; found '");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inbound/positions/positions-2026-13-01.csv", "inbound/positions/positions-2026-02-30.csv"})
    void a_date_shaped_name_that_is_no_date_is_unreadable(String key) {
        assertThatThrownBy(() -> FileNameDate.ofPositions(key))
                .isInstanceOf(UnreadableFileException.class)
                .hasMessageContaining("is not a date");
    }
}
