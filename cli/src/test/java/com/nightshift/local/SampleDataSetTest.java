package com.nightshift.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.nightshift.common.csv.ReadResult;
import com.nightshift.common.transaction.Transaction;
import com.nightshift.common.transaction.TransactionCsvCodec;
import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.book.PositionType;
import com.nightshift.risk.book.PositionsFile;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.EwmaEstimator;
import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.PriceHistory;
import com.nightshift.risk.market.RiskFactor;

class SampleDataSetTest {

    private static final String PRICES_KEY = "inbound/market-data/prices-2026-11-20.csv";
    private static final String POSITIONS_KEY = "inbound/positions/positions-2026-11-20.csv";

    private static PriceHistory prices(SampleDataSet sample) {
        return PriceHistory.read("prices.csv", new ByteArrayInputStream(sample.files().get(PRICES_KEY)));
    }

    private static PositionsFile positions(SampleDataSet sample) {
        return PositionsFile.load("positions.csv", new ByteArrayInputStream(sample.files().get(POSITIONS_KEY)));
    }

    private static String firstLine(byte[] content) {
        return new String(content, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
    }

    @Test
    void the_same_seed_gives_the_same_bytes() {
        SampleDataSet first = SampleDataSet.generate(7);
        SampleDataSet second = SampleDataSet.generate(7);
        assertThat(first.files().keySet()).containsExactlyElementsOf(second.files().keySet());
        first.files().forEach((key, content) -> assertThat(second.files().get(key)).as(key).isEqualTo(content));
    }

    @Test
    void every_ledger_and_statement_row_is_valid_except_the_expected_rejects() throws Exception {
        SampleDataSet sample = SampleDataSet.generate(20261120L);
        List<Long> rejectedLines = new ArrayList<>();
        for (var file : sample.files().entrySet()) {
            if (file.getKey().startsWith("inbound/ledger/") || file.getKey().startsWith("inbound/statements/")) {
                ReadResult<Transaction> read = new TransactionCsvCodec().readAll(new ByteArrayInputStream(file.getValue()));
                read.rejected().forEach(r -> rejectedLines.add(r.lineNumber()));
            }
        }
        assertThat(rejectedLines).containsExactlyElementsOf(
                sample.expectedRejects().stream().map(r -> (long) r.line()).toList());
    }

    @Test
    void truth_counts_add_up_on_both_sides() {
        for (SampleDataSet.AccountTruth truth : SampleDataSet.generate(1).accounts()) {
            assertThat(truth.matched() + truth.unmatchedLedger()).as(truth.account()).isEqualTo(truth.ledgerRows());
            assertThat(truth.matched() + truth.unmatchedStatement()).as(truth.account()).isEqualTo(truth.statementRows());
        }
    }

    @Test
    void expected_reports_are_one_of_each_kind_for_the_business_date() {
        SampleDataSet sample = SampleDataSet.generate(1);
        assertThat(sample.expectedReportIds()).containsExactly("reconciliation-2026-11-20", "risk-2026-11-20",
                "night-2026-11-20");
    }

    @Test
    void prices_are_a_year_of_business_day_closes_of_five_equities_a_currency_pair_and_a_yield() {
        SampleDataSet sample = SampleDataSet.generate(20261120L);
        assertThat(firstLine(sample.files().get(PRICES_KEY))).isEqualTo("date,factor,close");
        PriceHistory history = prices(sample);
        assertThat(history.factors()).containsExactly("AAPL", "MSFT", "NVDA", "JNJ", "KO", "EURUSD", "UST5Y");
        assertThat(history.currency()).isEmpty();
        assertThat(history.lastDate()).contains(SampleDataSet.BUSINESS_DATE);
        for (String factor : history.factors()) {
            var closes = history.closes(factor);
            assertThat(closes).as(factor).hasSizeBetween(250, 280);
            assertThat(closes.lastKey()).as(factor).isEqualTo(SampleDataSet.BUSINESS_DATE);
            assertThat(closes.firstKey()).as(factor).isBefore(SampleDataSet.BUSINESS_DATE.minusYears(1).plusDays(1));
            assertThat(closes.keySet()).as(factor).noneMatch(d -> d.getDayOfWeek() == DayOfWeek.SATURDAY
                    || d.getDayOfWeek() == DayOfWeek.SUNDAY);
        }
        assertThat(history.closes("EURUSD").values()).allSatisfy(c -> assertThat(c).isBetween(0.8, 1.4));
        assertThat(history.closes("UST5Y").values()).allSatisfy(c -> assertThat(c).isBetween(0.015, 0.1));
    }

    @Test
    void estimated_volatilities_are_near_the_generating_ones() {
        MarketSnapshot market = new EwmaEstimator().estimate(prices(SampleDataSet.generate(20261120L)));
        Map<String, Double> vol = market.factors().stream()
                .collect(Collectors.toMap(RiskFactor::name, RiskFactor::vol));
        // EWMA with lambda 0.94 weighs about the last month, so only a rough band.
        assertThat(vol.get("EURUSD")).isBetween(0.04, 0.14);
        assertThat(vol.get("UST5Y")).isBetween(0.12, 0.40);
        assertThat(vol.get("NVDA")).isGreaterThan(vol.get("KO"));
    }

    @Test
    void positions_mix_every_type_in_both_portfolios_and_name_only_factors_with_prices() {
        SampleDataSet sample = SampleDataSet.generate(20261120L);
        assertThat(firstLine(sample.files().get(POSITIONS_KEY)))
                .isEqualTo("position_id,portfolio,type,quantity,underlying,strike,expiry_years,option_type");
        PriceHistory history = prices(sample);
        PositionsFile book = positions(sample).validate(new EwmaEstimator().estimate(history));
        List<RiskPosition> all = book.positions();

        assertThat(all).extracting(RiskPosition::portfolio).containsOnlyElementsOf(sample.portfolios())
                .containsAll(sample.portfolios());
        assertThat(all).extracting(RiskPosition::type).contains(PositionType.values());
        assertThat(all).filteredOn(p -> p.type() == PositionType.EQUITY).anyMatch(p -> p.quantity() < 0);
        List<RiskPosition> options = all.stream().filter(p -> p.type() == PositionType.OPTION).toList();
        assertThat(options).extracting(RiskPosition::optionType).contains(OptionType.CALL, OptionType.PUT);
        assertThat(options).anyMatch(p -> p.quantity() < 0);
        for (RiskPosition option : options) {
            double spot = history.closes(option.underlying()).lastEntry().getValue();
            assertThat(option.strike() / spot).as(option.positionId()).isBetween(0.85, 1.15);
            assertThat(option.expiryYears()).as(option.positionId()).isBetween(0.1, 1.0);
        }
        assertThat(all).filteredOn(p -> p.type() == PositionType.FX).singleElement()
                .satisfies(fx -> assertThat(fx.underlying()).isEqualTo("EURUSD"));
        assertThat(all).filteredOn(p -> p.type() == PositionType.BOND).singleElement().satisfies(bond -> {
            assertThat(bond.underlying()).isEqualTo("UST5Y");
            assertThat(bond.strike()).isEqualTo(1_000_000.0);
            assertThat(bond.expiryYears()).isEqualTo(5.0);
        });
    }

    @Test
    void positions_file_name_carries_the_business_date() {
        assertThat(SampleDataSet.generate(1).files().keySet())
                .contains("inbound/positions/positions-" + SampleDataSet.BUSINESS_DATE + ".csv");
        assertThat(SampleDataSet.BUSINESS_DATE).isEqualTo(LocalDate.of(2026, 11, 20));
    }

    @Test
    void other_seeds_give_other_prices_but_the_same_book_shape() {
        SampleDataSet one = SampleDataSet.generate(1);
        SampleDataSet two = SampleDataSet.generate(2);
        assertThat(one.files().get(PRICES_KEY)).isNotEqualTo(two.files().get(PRICES_KEY));
        assertThat(positions(one).positions()).extracting(RiskPosition::positionId)
                .containsExactlyElementsOf(positions(two).positions().stream().map(RiskPosition::positionId).toList());
    }
}
