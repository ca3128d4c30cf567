package com.nightshift.common.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadCountsTest {

    @Test
    void rows_read_is_accepted_plus_rejected() {
        assertThat(ReadCounts.of(7, 3).rowsRead()).isEqualTo(10);
    }

    @Test
    void counts_that_lose_a_row_are_refused() {
        assertThatThrownBy(() -> new ReadCounts(10, 7, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must equal");
    }
}
