package com.nightshift.risk.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceHistoryTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    @Test
    void test_of_rejectsDatesOutOfOrder() {
        List<PricePoint> points = List.of(PricePoint.of(DAY, 10.0), PricePoint.of(DAY.minusDays(1), 11.0));

        assertThatThrownBy(() -> PriceHistory.of("ACME", points))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price history of ACME: date 2026-11-19 does not follow 2026-11-20");
    }

    @Test
    void test_of_rejectsEmptyHistory() {
        assertThatThrownBy(() -> PriceHistory.of("ACME", List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("price history of ACME is empty");
    }

    @Test
    void test_pricePoint_rejectsNonPositiveClose() {
        assertThatThrownBy(() -> PricePoint.of(DAY, 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a positive finite number");
    }

    @Test
    void test_builder_rejectsTwoClosesOnOneDate() {
        MarketData.Builder builder = MarketData.builder().add("ACME", DAY, 10.0);

        assertThatThrownBy(() -> builder.add("ACME", DAY, 10.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ACME: two closes on 2026-11-20");
    }
}
