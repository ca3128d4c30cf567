package com.nightshift.common.risk;

/**
 * The settings of a Value-at-Risk run, and their defaults: the one place they are written down. The
 * risk service (overridden by the environment variables {@code VAR_SCENARIOS}, {@code VAR_CONFIDENCE}
 * and {@code VAR_SEED} when its task definition sets them), {@code bin/nightshift var} and the
 * infrastructure's task definitions all take their defaults from {@link #DEFAULTS}, so the night and
 * a run on local files cannot disagree.
 *
 * <p>The constants are compile-time constants so that annotations (command-line defaults) can use them.
 *
 * @param scenarios    the number of Monte Carlo scenarios, at least 1
 * @param confidence   the confidence level, strictly between 0 and 1
 * @param horizonDays  the horizon in trading days, at least 1
 * @param seed         the seed of the scenario generator
 * @param lookbackDays the calendar days of price history before the business date that the
 *                     covariance is estimated from, at least 1
 */
public record VarSettings(int scenarios, double confidence, int horizonDays, long seed, int lookbackDays) {

    public static final int DEFAULT_SCENARIOS = 10_000;
    public static final double DEFAULT_CONFIDENCE = 0.99;
    public static final int DEFAULT_HORIZON_DAYS = 1;
    public static final long DEFAULT_SEED = 20261120L;
    /** Returns older than a year say little about tomorrow; the window is recorded in every manifest. */
    public static final int DEFAULT_LOOKBACK_DAYS = 365;

    /** 10,000 scenarios, 99%, 1 day, seed 20261120, a 365-day look-back. */
    public static final VarSettings DEFAULTS = new VarSettings(DEFAULT_SCENARIOS, DEFAULT_CONFIDENCE,
            DEFAULT_HORIZON_DAYS, DEFAULT_SEED, DEFAULT_LOOKBACK_DAYS);

    /** Rejects values outside the ranges in the record description. */
    public VarSettings {
        if (scenarios < 1) {
            throw new IllegalArgumentException("scenario count " + scenarios + " is not at least 1");
        }
        if (!(confidence > 0.0 && confidence < 1.0)) {
            throw new IllegalArgumentException("confidence " + confidence + " is not strictly between 0 and 1");
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon of " + horizonDays + " days is not at least 1 day");
        }
        if (lookbackDays < 1) {
            throw new IllegalArgumentException("look-back of " + lookbackDays + " days is not at least 1 day");
        }
    }
}
