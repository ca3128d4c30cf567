package com.nightshift.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.nightshift.common.market.PortfolioId;
import com.nightshift.common.market.Position;
import com.nightshift.common.market.PricePoint;

class RiskBookTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    private static Position position(String portfolio, String instrument, String quantity, String currency) {
        return Position.of(DATE, PortfolioId.of(portfolio), instrument, new BigDecimal(quantity),
                Currency.getInstance(currency));
    }

    private static PricePoint price(String instrument, LocalDate date, String close, String currency) {
        return PricePoint.of(instrument, date, new BigDecimal(close), Currency.getInstance(currency));
    }

    @Test
    void portfolios_are_listed_in_id_order() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-B", "KO", "5", "USD"),
                position("PF-A", "AAPL", "100", "USD")), List.of(), 365);
        assertThat(book.portfolioIds()).containsExactly("PF-A", "PF-B");
    }

    @Test
    void quantities_of_the_same_instrument_add_up() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-A", "AAPL", "100", "USD"),
                position("PF-A", "AAPL", "50", "USD"), position("PF-A", "MSFT", "10", "USD")), List.of(), 365);
        assertThat(book.portfolio("PF-A").holdings()).containsEntry("AAPL", 150.0).containsEntry("MSFT", 10.0);
    }

    @Test
    void a_portfolio_in_two_currencies_is_refused_naming_both() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-A", "AAPL", "1", "USD"),
                position("PF-A", "SAP", "1", "EUR")), List.of(), 365);
        assertThatThrownBy(() -> book.portfolio("PF-A"))
                .hasMessageContaining("PF-A").hasMessageContaining("USD").hasMessageContaining("EUR");
    }

    @Test
    void a_position_whose_prices_are_in_another_currency_is_refused() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-A", "SAP", "1", "USD")),
                List.of(price("SAP", DATE, "120", "EUR")), 365);
        assertThatThrownBy(() -> book.portfolio("PF-A")).hasMessageContaining("SAP").hasMessageContaining("EUR");
    }

    @Test
    void prices_after_the_business_date_or_before_the_window_are_left_out() {
        RiskBook book = RiskBook.of(DATE, List.of(), List.of(
                price("AAPL", DATE.minusDays(400), "100", "USD"),
                price("AAPL", DATE.minusDays(1), "101", "USD"),
                price("AAPL", DATE, "102", "USD"),
                price("AAPL", DATE.plusDays(1), "103", "USD")), 365);
        assertThat(book.marketData().history("AAPL")).hasValueSatisfying(history -> {
            assertThat(history.points()).hasSize(2);
            assertThat(history.latest().date()).isEqualTo(DATE);
        });
    }

    @Test
    void an_instrument_last_priced_more_than_five_days_ago_is_refused_naming_it_and_the_date() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-A", "AAPL", "1", "USD"),
                position("PF-A", "KO", "1", "USD")), List.of(
                price("AAPL", DATE, "100", "USD"),
                price("KO", DATE.minusDays(7), "60", "USD"),
                price("KO", DATE.minusDays(6), "61", "USD")), 365);
        assertThatThrownBy(() -> book.portfolio("PF-A"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("portfolio PF-A holds KO whose last price is of 2026-11-14, 6 days before the business"
                        + " date 2026-11-20; at most 5 calendar days are allowed");
    }

    @Test
    void an_instrument_last_priced_five_days_ago_is_accepted() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-A", "KO", "2", "USD")),
                List.of(price("KO", DATE.minusDays(RiskBook.MAX_PRICE_AGE_DAYS), "60", "USD"),
                        price("KO", DATE.plusDays(1), "61", "USD")), 365);
        assertThat(book.portfolio("PF-A").holdings()).containsEntry("KO", 2.0);
    }

    @Test
    void an_instrument_priced_only_before_the_window_is_refused_as_stale() {
        RiskBook book = RiskBook.of(DATE, List.of(position("PF-A", "KO", "1", "USD")),
                List.of(price("KO", DATE.minusDays(400), "60", "USD")), 365);
        assertThatThrownBy(() -> book.portfolio("PF-A")).hasMessageContaining("KO")
                .hasMessageContaining("2025-10-16");
    }
}
