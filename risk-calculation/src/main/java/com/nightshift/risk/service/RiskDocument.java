package com.nightshift.risk.service;

import java.time.LocalDate;
import java.util.List;

import com.nightshift.common.manifest.ResultManifest;

/**
 * {@code results/risk/<date>/<portfolio>/result.json}: one portfolio's VaR and ES as the reporting
 * service and people read it. Losses are positive numbers in the portfolio's currency.
 */
public record RiskDocument(String portfolio, LocalDate businessDate, LocalDate valuationDate, String currency,
        double portfolioValue, double valueAtRisk, double expectedShortfall, double confidence, int horizonDays,
        int scenarios, long seed, int returnsUsed, String method, List<Holding> holdings, ResultManifest manifest) {

    /** One position, valued at the valuation date's close. */
    public record Holding(String instrument, double quantity, double value) {
    }
}
