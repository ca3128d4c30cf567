package com.nightshift.risk.engine;

import com.nightshift.common.risk.VarSettings;

/**
 * The parameters of one Monte Carlo VaR run.
 *
 * <p>Immutable and thread-safe. Together with the portfolio and the market data they determine
 * the result to the bit: the seed is explicit and part of every result.
 *
 * @param confidence     the VaR confidence level, strictly between 0 and 1 (for example 0.99)
 * @param horizonDays    the horizon in trading days, at least 1; the daily covariance is scaled by
 *                       it (square-root-of-time for volatility); the model has no drift
 * @param scenarios      the number of simulated scenarios, at least 1
 * @param seed           the seed of the scenario generator
 * @param minimumReturns the fewest daily returns a calibration accepts, at least 2
 */
public record VarParameters(double confidence, int horizonDays, int scenarios, long seed, int minimumReturns) {

    /** The fewest daily returns accepted unless the caller says otherwise. */
    public static final int DEFAULT_MINIMUM_RETURNS = 30;

    /** Rejects values outside the ranges in the record description. */
    public VarParameters {
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence " + confidence + " is not strictly between 0 and 1");
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon of " + horizonDays + " days is not at least 1 day");
        }
        if (scenarios < 1) {
            throw new IllegalArgumentException("scenario count " + scenarios + " is not at least 1");
        }
        if (minimumReturns < 2) {
            throw new IllegalArgumentException(
                    "minimum of " + minimumReturns + " returns is too few to estimate a covariance (at least 2)");
        }
    }

    /** Parameters requiring {@value #DEFAULT_MINIMUM_RETURNS} daily returns. */
    public static VarParameters of(double confidence, int horizonDays, int scenarios, long seed) {
        return new VarParameters(confidence, horizonDays, scenarios, seed, DEFAULT_MINIMUM_RETURNS);
    }

    /** The parameters of a run with {@code settings}, requiring {@value #DEFAULT_MINIMUM_RETURNS} daily returns. */
    public static VarParameters of(VarSettings settings) {
        return of(settings.confidence(), settings.horizonDays(), settings.scenarios(), settings.seed());
    }

    /** Parameters with an explicit minimum number of daily returns. */
    public static VarParameters of(double confidence, int horizonDays, int scenarios, long seed, int minimumReturns) {
        return new VarParameters(confidence, horizonDays, scenarios, seed, minimumReturns);
    }

    /** These parameters with another seed. */
    public VarParameters withSeed(long newSeed) {
        return new VarParameters(confidence, horizonDays, scenarios, newSeed, minimumReturns);
    }
}
