package com.nightshift.common.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortfolioIdTest {

    @Test
    void anIdThatCanNameAKeySegment_isAccepted_andSortsByValue() {
        assertThat(PortfolioId.of("PF-GROWTH.2").toString()).isEqualTo("PF-GROWTH.2");
        assertThat(PortfolioId.of("A").compareTo(PortfolioId.of("B"))).isNegative();
    }

    @Test
    void anIdWithASlashASpaceOrTooManyCharacters_isRefusedStatingTheRule() {
        for (String bad : new String[] {"PF/1", "PF 1", "", "x".repeat(65)}) {
            assertThatThrownBy(() -> PortfolioId.of(bad)).hasMessageContaining(PortfolioId.RULE);
        }
    }
}
