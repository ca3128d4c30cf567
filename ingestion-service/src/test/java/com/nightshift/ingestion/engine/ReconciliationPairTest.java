package com.nightshift.ingestion.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import com.nightshift.common.transaction.AccountId;

class ReconciliationPairTest {

    @Test
    void staged_ledger_and_statement_keys_name_their_pair() {
        ReconciliationPair pair = ReconciliationPair.of(AccountId.of("ACC-1"), LocalDate.of(2026, 11, 20));
        assertThat(ReconciliationPair.ofStagedKey("staged/ledger/ACC-1/2026-11-20/ledger~gl.csv")).contains(pair);
        assertThat(ReconciliationPair.ofStagedKey("staged/statement/ACC-1/2026-11-20/statements~b.csv")).contains(pair);
    }

    @Test
    void other_keys_name_no_pair() {
        assertThat(ReconciliationPair.ofStagedKey("staged/positions/2026-11-20/positions.csv")).isEmpty();
        assertThat(ReconciliationPair.ofStagedKey("staged/ledger/ACC-1/2026-11-20/")).isEmpty();
        assertThat(ReconciliationPair.ofStagedKey("staged/ledger/ACC-1/2026-11-20")).isEmpty();
        assertThat(ReconciliationPair.ofStagedKey("staged/ledger/ACC-1/20261120/x.csv")).isEmpty();
        assertThat(ReconciliationPair.ofStagedKey("staged/ledger/ACC 1/2026-11-20/x.csv")).isEmpty();
    }
}
