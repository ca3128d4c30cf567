package com.nightshift.risk.var;

import java.time.LocalDate;
import java.util.Objects;

/**
 * {@code <portfolio>/result.json}: one portfolio's VaR and ES as the reporting service reads them, one
 * typed record for the writer and the reader. Losses are positive, in the book's currency.
 *
 * @param portfolio    the portfolio
 * @param businessDate the night the run is for
 * @param positions    the positions it holds
 * @param measures     VaR and ES at 95% and 99%, their standard errors, today's value
 * @param contribution its Euler contribution to the book's VaR and ES
 * @param book         the whole book's measures, for context
 * @param scenarios    the run's scenario count
 * @param seed         the run's seed
 * @param method       the sampling method
 * @param horizonDays  the horizon in trading days
 * @param returns      lognormal or normal
 * @param manifest     what the run was computed from
 */
public record PortfolioRiskDocument(String portfolio, LocalDate businessDate, int positions, TailMeasures measures,
        ComponentRisk contribution, TailMeasures book, int scenarios, long seed, String method, int horizonDays,
        String returns, VarManifest manifest) {

    public PortfolioRiskDocument {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(measures, "measures");
        Objects.requireNonNull(contribution, "contribution");
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(returns, "returns");
        Objects.requireNonNull(manifest, "manifest");
    }
}
