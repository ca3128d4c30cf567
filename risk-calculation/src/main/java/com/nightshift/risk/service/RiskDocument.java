package com.nightshift.risk.service;

import java.time.LocalDate;
import java.util.List;

import com.nightshift.common.manifest.ResultManifest;
import com.nightshift.risk.engine.Portfolio;
import com.nightshift.risk.engine.RiskResult;

/**
 * {@code results/risk/<date>/<portfolio>/result.json}: one portfolio's VaR and ES as the reporting
 * service and people read it. Losses are positive numbers in the portfolio's currency;
 * {@code valueAtRiskStandardError} and {@code expectedShortfallStandardError} are their Monte Carlo
 * standard errors in the same currency (see {@code MonteCarloVarEngine}, "Monte Carlo error").
 */
public record RiskDocument(String portfolio, LocalDate businessDate, LocalDate valuationDate, String currency,
        double portfolioValue, double valueAtRisk, double expectedShortfall, double valueAtRiskStandardError,
        double expectedShortfallStandardError, double confidence, int horizonDays,
        int scenarios, long seed, int returnsUsed, String method, List<Holding> holdings, ResultManifest manifest) {

    /** One position, valued at the valuation date's close. */
    public record Holding(String instrument, double quantity, double value) {
    }

    public static final String METHOD = "Monte Carlo, multivariate normal log returns";

    /** The document of one portfolio's result. */
    public static RiskDocument of(Portfolio portfolio, LocalDate businessDate, RiskResult result, ResultManifest manifest) {
        return new RiskDocument(portfolio.id(), businessDate, result.valuationDate(), result.currency(),
                result.portfolioValue(), result.valueAtRisk(), result.expectedShortfall(), result.valueAtRiskStandardError(),
                result.expectedShortfallStandardError(), result.confidence(),
                result.horizonDays(), result.scenarios(), result.seed(), result.returnsUsed(), METHOD,
                portfolio.holdings().entrySet().stream()
                        .map(h -> new Holding(h.getKey(), h.getValue(), result.holdingValues().getOrDefault(h.getKey(), 0.0)))
                        .toList(),
                manifest);
    }
}
