package com.nightshift.risk.engine;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Value-at-Risk and Expected Shortfall of one portfolio, with everything needed to reproduce it.
 *
 * <p>Immutable and thread-safe. All amounts are in {@link #currency()}. VaR and ES are losses:
 * positive numbers mean the portfolio loses value. They are not floored at zero: a portfolio whose
 * simulated tail still gains reports a negative VaR rather than a misleading zero. See
 * {@link MonteCarloVarEngine} for the quantile convention.
 *
 * @param portfolioId       the portfolio
 * @param currency          the portfolio's currency
 * @param valuationDate     the latest date common to every instrument's history; holdings are valued at its closes
 * @param portfolioValue    the sum of the holding values
 * @param valueAtRisk       the loss at confidence {@code confidence} over {@code horizonDays}
 * @param expectedShortfall the mean loss of the scenarios at or beyond the VaR scenario; never below {@code valueAtRisk}
 * @param valueAtRiskStandardError       the Monte Carlo standard error of {@code valueAtRisk}: the
 *                          spread that rerunning with other seeds would show, not model error (see
 *                          {@link MonteCarloVarEngine}, "Monte Carlo error")
 * @param expectedShortfallStandardError the Monte Carlo standard error of {@code expectedShortfall}
 * @param confidence        the confidence level
 * @param horizonDays       the horizon in trading days
 * @param scenarios         the number of scenarios simulated
 * @param seed              the seed of the scenario generator
 * @param holdingValues     quantity times close on the valuation date, per instrument, sorted by instrument id
 * @param returnsUsed       the number of daily returns the covariance was estimated from
 */
public record RiskResult(
        String portfolioId,
        String currency,
        LocalDate valuationDate,
        double portfolioValue,
        double valueAtRisk,
        double expectedShortfall,
        double valueAtRiskStandardError,
        double expectedShortfallStandardError,
        double confidence,
        int horizonDays,
        int scenarios,
        long seed,
        SortedMap<String, Double> holdingValues,
        int returnsUsed) {

    /** Rejects missing values and copies the holding values into an unmodifiable sorted map. */
    public RiskResult {
        Objects.requireNonNull(portfolioId, "portfolio id");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(valuationDate, "valuation date");
        Objects.requireNonNull(holdingValues, "holding values");
        holdingValues = Collections.unmodifiableSortedMap(new TreeMap<>(holdingValues));
    }

    /** The result with holding values from any map; the map is copied and sorted. */
    public static RiskResult of(String portfolioId, String currency, LocalDate valuationDate, double portfolioValue,
            double valueAtRisk, double expectedShortfall, double valueAtRiskStandardError,
            double expectedShortfallStandardError, double confidence, int horizonDays, int scenarios, long seed,
            Map<String, Double> holdingValues, int returnsUsed) {
        Objects.requireNonNull(holdingValues, "holding values");
        return new RiskResult(portfolioId, currency, valuationDate, portfolioValue, valueAtRisk, expectedShortfall,
                valueAtRiskStandardError, expectedShortfallStandardError, confidence, horizonDays, scenarios, seed, new TreeMap<>(holdingValues), returnsUsed);
    }
}
