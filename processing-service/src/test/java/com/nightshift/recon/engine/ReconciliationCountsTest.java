package com.nightshift.recon.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReconciliationCountsTest {

    @Test
    void ledger_rows_must_equal_matched_plus_unmatched_ledger() {
        assertThatThrownBy(() -> new ReconciliationCounts(3, 1, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger rows 3");
    }

    @Test
    void statement_rows_must_equal_matched_plus_unmatched_statement() {
        assertThatThrownBy(() -> new ReconciliationCounts(1, 3, 1, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("statement rows 3");
    }
}
