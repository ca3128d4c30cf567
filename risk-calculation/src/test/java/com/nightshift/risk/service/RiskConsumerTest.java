package com.nightshift.risk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nightshift.common.market.PortfolioId;
import com.nightshift.common.market.Position;
import com.nightshift.risk.engine.Portfolio;

class RiskConsumerTest {

    private static final LocalDate DATE = LocalDate.of(2026, 11, 20);

    private static Position position(String portfolio, String instrument, String quantity, String currency) {
        return Position.of(DATE, PortfolioId.of(portfolio), instrument, new BigDecimal(quantity), Currency.getInstance(currency));
    }

    @Test
    void positions_group_by_portfolio_in_id_order() {
        Map<String, List<Position>> byPortfolio = RiskConsumer.byPortfolio(List.of(
                position("PF-B", "KO", "5", "USD"), position("PF-A", "AAPL", "100", "USD"),
                position("PF-A", "MSFT", "10", "USD")));
        assertThat(byPortfolio.keySet()).containsExactly("PF-A", "PF-B");
        assertThat(byPortfolio.get("PF-A")).hasSize(2);
    }

    @Test
    void quantities_of_the_same_instrument_add_up() {
        Portfolio portfolio = RiskConsumer.portfolio("PF-A", List.of(position("PF-A", "AAPL", "100", "USD"),
                position("PF-A", "AAPL", "50", "USD"), position("PF-A", "MSFT", "10", "USD")), Map.of());
        assertThat(portfolio.holdings()).containsEntry("AAPL", 150.0).containsEntry("MSFT", 10.0);
    }

    @Test
    void a_portfolio_in_two_currencies_is_refused_naming_both() {
        assertThatThrownBy(() -> RiskConsumer.portfolio("PF-A", List.of(position("PF-A", "AAPL", "1", "USD"),
                position("PF-A", "SAP", "1", "EUR")), Map.of()))
                .hasMessageContaining("PF-A").hasMessageContaining("USD").hasMessageContaining("EUR");
    }

    @Test
    void a_position_whose_prices_are_in_another_currency_is_refused() {
        assertThatThrownBy(() -> RiskConsumer.portfolio("PF-A", List.of(position("PF-A", "SAP", "1", "USD")),
                Map.of("SAP", "EUR"))).hasMessageContaining("SAP").hasMessageContaining("EUR");
    }

    @Test
    void scheduled_message_runs_for_the_business_date_of_the_night() {
        var job = RiskConsumer.riskJob("{\"jobId\":\"risk-nightly\",\"trigger\":\"schedule\"}",
                java.time.Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(job.businessDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(job.jobId()).isEqualTo("risk-nightly-2026-11-23");
    }

    @Test
    void a_job_with_a_business_date_runs_for_that_date() {
        var job = RiskConsumer.riskJob("{\"jobId\":\"risk-2026-11-20\",\"businessDate\":\"2026-11-20\"}",
                java.time.Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(job.businessDate()).isEqualTo(DATE);
    }

    @Test
    void a_job_without_date_or_schedule_trigger_is_refused() {
        assertThatThrownBy(() -> RiskConsumer.riskJob("{\"jobId\":\"x\"}", java.time.Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
