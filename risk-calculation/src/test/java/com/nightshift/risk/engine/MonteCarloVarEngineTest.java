package com.nightshift.risk.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MonteCarloVarEngineTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 2);
    // Standard normal quantile at 0.99.
    private static final double Z_99 = 2.3263478740408408;

    private final MonteCarloVarEngine engine = MonteCarloVarEngine.sequential();

    @Test
    void test_run_sameSeedGivesSameResultToTheBit() {
        Portfolio portfolio = threeAssetPortfolio();
        MarketData market = correlatedMarket(120, 7L);
        VarParameters parameters = VarParameters.of(0.99, 1, 20_000, 42L);

        RiskResult first = engine.run(portfolio, market, parameters);
        RiskResult second = MonteCarloVarEngine.sequential().run(portfolio, market, parameters);

        assertThat(second).isEqualTo(first);
        assertThat(Double.doubleToRawLongBits(second.valueAtRisk())).isEqualTo(Double.doubleToRawLongBits(first.valueAtRisk()));
        assertThat(Double.doubleToRawLongBits(second.expectedShortfall()))
                .isEqualTo(Double.doubleToRawLongBits(first.expectedShortfall()));
    }

    @Test
    void test_run_differentSeedGivesDifferentResult() {
        Portfolio portfolio = threeAssetPortfolio();
        MarketData market = correlatedMarket(120, 7L);
        VarParameters parameters = VarParameters.of(0.99, 1, 20_000, 42L);

        RiskResult first = engine.run(portfolio, market, parameters);
        RiskResult second = engine.run(portfolio, market, parameters.withSeed(43L));

        assertThat(second.valueAtRisk()).isNotEqualTo(first.valueAtRisk());
        assertThat(second.expectedShortfall()).isNotEqualTo(first.expectedShortfall());
        assertThat(second.portfolioValue()).isEqualTo(first.portfolioValue());
    }

    @Test
    void test_run_singleAssetVarMatchesAnalyticNormalVar() {
        // Returns alternate +a, -a: sample mean 0, sample volatility a * sqrt(T / (T - 1)).
        int returns = 250;
        double a = 0.02;
        double quantity = 10_000.0;
        MarketData market = MarketData.of(List.of(alternatingHistory("ACME", returns, a)));
        Portfolio portfolio = Portfolio.of("P-1", "USD", Map.of("ACME", quantity));
        int scenarios = 200_000;
        int horizon = 10;
        VarParameters parameters = VarParameters.of(0.99, horizon, scenarios, 2026L);

        RiskResult result = engine.run(portfolio, market, parameters);

        double value = result.portfolioValue();
        double sigma = a * Math.sqrt((double) returns / (returns - 1)) * Math.sqrt(horizon);
        // Loss = V (1 - exp(r - sigma²/2)) is monotone in r, so its quantile is that of the normal r.
        double analyticVar = value * (1.0 - Math.exp(-0.5 * sigma * sigma - sigma * Z_99));
        // Standard error of an empirical quantile: sqrt(p (1 - p) / S) / density, in units of z.
        double densityAtZ = Math.exp(-0.5 * Z_99 * Z_99) / Math.sqrt(2.0 * Math.PI);
        double zError = Math.sqrt(0.01 * 0.99 / scenarios) / densityAtZ;
        double varError = value * sigma * Math.exp(-0.5 * sigma * sigma - sigma * Z_99) * zError;
        assertThat(result.valueAtRisk()).isCloseTo(analyticVar, within(4.0 * varError));
        assertThat(result.returnsUsed()).isEqualTo(returns);
    }

    @Test
    void test_run_risingHistoryGivesTheSameVarAsTheSameReturnsDemeaned() {
        // The same daily returns, once as they are and once with +0.4% a day added (a year that rose
        // strongly); both histories end on the same closes, so the holdings are worth the same.
        MarketData flat = correlatedMarket(250, 11L);
        MarketData rising = withDailyDrift(flat, 0.004);
        Portfolio portfolio = threeAssetPortfolio();
        VarParameters parameters = VarParameters.of(0.99, 1, 10_000, 5L);

        RiskResult fromFlat = engine.run(portfolio, flat, parameters);
        RiskResult fromRising = engine.run(portfolio, rising, parameters);

        assertThat(fromRising.portfolioValue()).isCloseTo(fromFlat.portfolioValue(), within(1e-9 * fromFlat.portfolioValue()));
        assertThat(fromRising.valueAtRisk()).isCloseTo(fromFlat.valueAtRisk(), within(1e-9 * fromFlat.valueAtRisk()));
        assertThat(fromRising.expectedShortfall())
                .isCloseTo(fromFlat.expectedShortfall(), within(1e-9 * fromFlat.expectedShortfall()));
    }

    @Test
    void test_run_singleAssetExpectedPriceChangeIsZero() {
        // A history that rose every day still simulates P&L of mean zero: no drift.
        MarketData market = withDailyDrift(MarketData.of(List.of(alternatingHistory("ACME", 250, 0.02))), 0.003);
        Portfolio portfolio = Portfolio.of("P-1", "USD", Map.of("ACME", 1_000.0));
        VarParameters parameters = VarParameters.of(0.99, 1, 200_000, 9L);
        RiskModel model = engine.calibrate(portfolio, market, parameters);

        double[] losses = engine.simulate(model, ScenarioShard.whole()).losses();
        double sum = 0.0;
        for (double loss : losses) {
            sum += loss;
        }
        double mean = sum / losses.length;
        // Standard error of the mean loss: value * sigma / sqrt(S), sigma about 2% a day.
        double standardError = model.portfolioValue() * 0.02 / Math.sqrt(losses.length);
        assertThat(mean).isCloseTo(0.0, within(4.0 * standardError));
    }

    @Test
    void test_run_standardErrorsShrinkAsOneOverRootScenarios() {
        Portfolio portfolio = threeAssetPortfolio();
        MarketData market = correlatedMarket(250, 7L);

        RiskResult small = engine.run(portfolio, market, VarParameters.of(0.99, 1, 10_000, 3L));
        RiskResult large = engine.run(portfolio, market, VarParameters.of(0.99, 1, 40_000, 3L));

        // Four times the scenarios: half the error, give or take the noise of the estimate itself.
        assertThat(large.valueAtRiskStandardError() / small.valueAtRiskStandardError()).isBetween(0.35, 0.65);
        assertThat(large.expectedShortfallStandardError() / small.expectedShortfallStandardError()).isBetween(0.35, 0.65);
    }

    @Test
    void test_run_standardErrorIsAFewPercentOfVarAtTenThousandScenarios() {
        // One normal factor: sqrt(0.01 × 0.99 / 10,000) / φ(2.326) = 0.037 in z, 1.6% of a 2.326 z VaR.
        MarketData market = MarketData.of(List.of(alternatingHistory("ACME", 250, 0.02)));
        Portfolio portfolio = Portfolio.of("P-1", "USD", Map.of("ACME", 1_000.0));

        RiskResult result = engine.run(portfolio, market, VarParameters.of(0.99, 1, 10_000, 20261120L));

        assertThat(result.valueAtRiskStandardError() / result.valueAtRisk()).isBetween(0.01, 0.03);
        assertThat(result.expectedShortfallStandardError() / result.expectedShortfall()).isBetween(0.005, 0.03);
        assertThat(result.expectedShortfallStandardError()).isPositive();
    }

    @Test
    void test_varStandardError_isTheOrderStatisticIntervalWidth() {
        double[] sorted = new double[10_000];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = i;
        }
        // d = ceil(1.96 × sqrt(10,000 × 0.99 × 0.01)) = 20: ranks 9,880 and 9,920.
        assertThat(MonteCarloVarEngine.varStandardError(sorted, 0.99, 9_900)).isCloseTo(40.0 / 3.919927969080108, within(1e-12));
        assertThat(MonteCarloVarEngine.esStandardError(new double[] {1.0}, 0.99, 1, 1.0, 1.0)).isZero();
    }

    @Test
    void test_run_expectedShortfallIsAtLeastVar() {
        RiskResult result = engine.run(threeAssetPortfolio(), correlatedMarket(120, 7L), VarParameters.of(0.975, 5, 10_000, 1L));

        assertThat(result.valueAtRisk()).isPositive();
        assertThat(result.expectedShortfall()).isGreaterThanOrEqualTo(result.valueAtRisk());
    }

    @Test
    void test_run_zeroQuantityGivesZeroVar() {
        Portfolio portfolio = Portfolio.of("P-0", "EUR", Map.of("ACME", 0.0));
        MarketData market = MarketData.of(List.of(alternatingHistory("ACME", 60, 0.03)));

        RiskResult result = engine.run(portfolio, market, VarParameters.of(0.99, 1, 1_000, 5L));

        assertThat(result.portfolioValue()).isZero();
        assertThat(Double.doubleToRawLongBits(result.valueAtRisk())).isEqualTo(Double.doubleToRawLongBits(0.0));
        assertThat(result.expectedShortfall()).isZero();
    }

    @Test
    void test_run_reportsInputsAndParameters() {
        Portfolio portfolio = threeAssetPortfolio();
        MarketData market = correlatedMarket(120, 7L);

        RiskResult result = engine.run(portfolio, market, VarParameters.of(0.95, 2, 1_000, 9L));

        assertThat(result.portfolioId()).isEqualTo("BOOK-7");
        assertThat(result.currency()).isEqualTo("USD");
        assertThat(result.valuationDate()).isEqualTo(START.plusDays(119));
        assertThat(result.confidence()).isEqualTo(0.95);
        assertThat(result.horizonDays()).isEqualTo(2);
        assertThat(result.scenarios()).isEqualTo(1_000);
        assertThat(result.seed()).isEqualTo(9L);
        assertThat(result.returnsUsed()).isEqualTo(119);
        assertThat(result.holdingValues()).containsOnlyKeys("AAA", "BBB", "CCC");
        double sum = 0.0;
        for (double value : result.holdingValues().values()) {
            sum += value;
        }
        assertThat(result.portfolioValue()).isEqualTo(sum);
    }

    @Test
    void test_calibrate_insufficientHistoryIsRejectedNamingTheInstrument() {
        MarketData market = MarketData.of(List.of(
                alternatingHistory("LONG", 60, 0.01), alternatingHistory("SHORTY", 12, 0.01)));
        Portfolio portfolio = Portfolio.of("P-2", "USD", Map.of("LONG", 1.0, "SHORTY", 1.0));

        assertThatThrownBy(() -> engine.calibrate(portfolio, market, VarParameters.of(0.99, 1, 100, 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SHORTY")
                .hasMessageContaining("12 daily returns")
                .hasMessageContaining("at least 30");
    }

    @Test
    void test_calibrate_misalignedHistoriesAreRejectedNamingTheInstrument() {
        // Each history is long enough alone, but GAPPY stops early and the others start late.
        PriceHistory gappy = alternatingHistory("GAPPY", 35, 0.01);
        MarketData market = MarketData.of(List.of(from(alternatingHistory("AAA", 80, 0.01), 20),
                from(alternatingHistory("BBB", 80, 0.02), 20), gappy));
        Portfolio portfolio = Portfolio.of("P-3", "USD", Map.of("AAA", 1.0, "BBB", 1.0, "GAPPY", 1.0));

        assertThatThrownBy(() -> engine.calibrate(portfolio, market, VarParameters.of(0.99, 1, 100, 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share only 15 daily returns")
                .hasMessageContaining("instrument GAPPY lacks closes on 45 dates");
    }

    @Test
    void test_calibrate_missingHistoryIsRejectedNamingTheInstrument() {
        MarketData market = MarketData.of(List.of(alternatingHistory("AAA", 60, 0.01)));
        Portfolio portfolio = Portfolio.of("P-4", "USD", Map.of("AAA", 1.0, "NOPE", 1.0));

        assertThatThrownBy(() -> engine.calibrate(portfolio, market, VarParameters.of(0.99, 1, 100, 1L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("portfolio P-4: no price history for instrument NOPE");
    }

    @Test
    void test_merge_shardsEqualSingleRun() {
        Portfolio portfolio = threeAssetPortfolio();
        MarketData market = correlatedMarket(120, 7L);
        VarParameters parameters = VarParameters.of(0.99, 1, 10_001, 77L);
        RiskResult single = engine.run(portfolio, market, parameters);

        RiskModel model = engine.calibrate(portfolio, market, parameters);
        List<ScenarioLosses> shards = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            shards.add(engine.simulate(model, ScenarioShard.of(i, 7)));
        }
        Collections.reverse(shards);
        RiskResult merged = engine.merge(model, shards);

        assertThat(merged).isEqualTo(single);
    }

    @Test
    void test_simulate_threadCountDoesNotChangeLosses() {
        RiskModel model = engine.calibrate(threeAssetPortfolio(), correlatedMarket(120, 7L), VarParameters.of(0.99, 1, 20_000, 3L));

        ScenarioLosses sequential = engine.simulate(model, ScenarioShard.whole());
        ScenarioLosses parallel = MonteCarloVarEngine.withParallelism(2).simulate(model, ScenarioShard.whole());

        assertThat(parallel).isEqualTo(sequential);
    }

    @Test
    void test_merge_rejectsShardsThatLeaveAGap() {
        RiskModel model = engine.calibrate(threeAssetPortfolio(), correlatedMarket(120, 7L), VarParameters.of(0.99, 1, 1_000, 3L));
        List<ScenarioLosses> shards = List.of(engine.simulate(model, ScenarioShard.of(0, 3)), engine.simulate(model, ScenarioShard.of(2, 3)));

        assertThatThrownBy(() -> engine.merge(model, shards))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave a gap at scenario 333");
    }

    @Test
    void test_merge_rejectsLossesOfAnotherSeed() {
        Portfolio portfolio = threeAssetPortfolio();
        MarketData market = correlatedMarket(120, 7L);
        RiskModel model = engine.calibrate(portfolio, market, VarParameters.of(0.99, 1, 1_000, 3L));
        RiskModel other = engine.calibrate(portfolio, market, VarParameters.of(0.99, 1, 1_000, 4L));

        assertThatThrownBy(() -> engine.merge(model, List.of(engine.simulate(other, ScenarioShard.whole()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot merge");
    }

    @Test
    void test_varRank_usesTheDecimalConfidence() {
        assertThat(MonteCarloVarEngine.varRank(0.99, 1_000)).isEqualTo(990);
        assertThat(MonteCarloVarEngine.varRank(0.95, 100)).isEqualTo(95);
        assertThat(MonteCarloVarEngine.varRank(0.999, 10)).isEqualTo(10);
        assertThat(MonteCarloVarEngine.varRank(0.01, 10)).isEqualTo(1);
    }

    private static Portfolio threeAssetPortfolio() {
        return Portfolio.of("BOOK-7", "USD", Map.of("AAA", 1_000.0, "BBB", -250.0, "CCC", 4_000.0));
    }

    /** Three instruments on consecutive days, driven by a shared factor so that they are correlated. */
    private static MarketData correlatedMarket(int days, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MarketData.Builder builder = MarketData.builder();
        double a = 50.0;
        double b = 120.0;
        double c = 8.0;
        for (int t = 0; t < days; t++) {
            LocalDate date = START.plusDays(t);
            builder.add("AAA", date, a).add("BBB", date, b).add("CCC", date, c);
            double market = random.nextDouble(-0.02, 0.02);
            a *= Math.exp(market + random.nextDouble(-0.01, 0.01));
            b *= Math.exp(0.5 * market + random.nextDouble(-0.015, 0.015));
            c *= Math.exp(1.5 * market + random.nextDouble(-0.03, 0.03));
        }
        return builder.build();
    }

    /** Every history with {@code drift} added to each daily log return, ending on the same close. */
    private static MarketData withDailyDrift(MarketData market, double drift) {
        MarketData.Builder builder = MarketData.builder();
        for (String instrument : market.histories().keySet()) {
            List<PricePoint> points = market.history(instrument).orElseThrow().points();
            int last = points.size() - 1;
            for (int t = 0; t <= last; t++) {
                builder.add(instrument, points.get(t).date(), points.get(t).close() * Math.exp(drift * (t - last)));
            }
        }
        return builder.build();
    }

    private static PriceHistory from(PriceHistory history, int firstDay) {
        return PriceHistory.of(history.instrumentId(), history.points().subList(firstDay, history.points().size()));
    }

    /** {@code returns + 1} daily closes from 100 whose log returns alternate {@code +a} and {@code -a}. */
    private static PriceHistory alternatingHistory(String instrument, int returns, double a) {
        List<PricePoint> points = new ArrayList<>();
        double close = 100.0;
        for (int t = 0; t <= returns; t++) {
            points.add(PricePoint.of(START.plusDays(t), close));
            close *= Math.exp(t % 2 == 0 ? a : -a);
        }
        return PriceHistory.of(instrument, points);
    }
}
