package com.nightshift.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioTest {

    @Test
    void test_of_sortsHoldingsByInstrument() {
        Portfolio portfolio = Portfolio.of("P-1", "USD", Map.of("ZZZ", 1.0, "AAA", 2.0, "MMM", 3.0));

        assertThat(portfolio.holdings().keySet()).containsExactly("AAA", "MMM", "ZZZ");
    }

    @Test
    void test_of_rejectsMalformedId() {
        assertThatThrownBy(() -> Portfolio.of("bad id", "USD", Map.of("AAA", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("portfolio id 'bad id'");
    }

    @Test
    void test_of_rejectsMalformedCurrency() {
        assertThatThrownBy(() -> Portfolio.of("P-1", "usd", Map.of("AAA", 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("currency 'usd'");
    }

    @Test
    void test_of_rejectsEmptyHoldings() {
        assertThatThrownBy(() -> Portfolio.of("P-1", "USD", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("portfolio P-1: has no holdings");
    }

    @Test
    void test_of_rejectsNonFiniteQuantity() {
        Map<String, Double> holdings = new HashMap<>();
        holdings.put("AAA", Double.NaN);

        assertThatThrownBy(() -> Portfolio.of("P-1", "USD", holdings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity of AAA is NaN");
    }
}
