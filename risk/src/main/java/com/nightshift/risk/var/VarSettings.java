package com.nightshift.risk.var;

import java.util.Objects;

/**
 * The settings of a Value-at-Risk run, and their defaults: the one place they are written down.
 * {@code bin/nightshift var}, the risk service (whose task definition may override them with
 * {@code VAR_SCENARIOS}, {@code VAR_SEED}, {@code VAR_METHOD} and {@code VAR_SHARD_SCENARIOS}) and the
 * infrastructure's task definitions all start from {@link #DEFAULTS}, so the night and a run on
 * local files cannot disagree.
 *
 * <p>VaR and ES are always reported at both 95% and 99%; the constants are compile-time constants
 * so that annotations (command-line defaults) can use them.
 *
 * @param scenarios      the number of Monte Carlo scenarios, at least 2
 * @param seed           the seed of the scenario generator
 * @param method         how the scenarios are sampled
 * @param horizonDays    the horizon in trading days, at least 1 ({@code dt = horizonDays / 252} years)
 * @param returns        lognormal (default) or normal factor moves
 * @param revaluation    where options and bonds are priced (see {@link Revaluation})
 * @param replications   the independent replicates whose spread estimates the Monte Carlo error of
 *                       the antithetic, Sobol and importance methods, 2 or more and at most {@code scenarios / 2}
 * @param ewmaLambda     the RiskMetrics decay of the EWMA estimator, strictly between 0 and 1
 * @param shardScenarios the largest run the risk service computes in one task; a larger run is split
 *                       into shards of at most this many scenarios, at least 1
 * @param historyRate    the continuously-compounded rate that prices options when the market is estimated
 *                       from a price history, which carries no rates ({@code market.csv} gives each factor its own)
 */
public record VarSettings(int scenarios, long seed, SamplingMethod method, int horizonDays, ReturnModel returns,
        Revaluation revaluation, int replications, double ewmaLambda, int shardScenarios, double historyRate) {

    public static final int DEFAULT_SCENARIOS = 100_000;
    public static final long DEFAULT_SEED = 20261120L;
    public static final String DEFAULT_METHOD = "plain";
    public static final int DEFAULT_HORIZON_DAYS = 1;
    public static final int DEFAULT_REPLICATIONS = 20;
    /** RiskMetrics' daily decay. */
    public static final double DEFAULT_EWMA_LAMBDA = 0.94;
    /** About a second of one task's work on a 10,000-position book; larger runs spread over tasks. */
    public static final int DEFAULT_SHARD_SCENARIOS = 250_000;
    /** No rate unless one is given: a price history says nothing about rates. */
    public static final double DEFAULT_HISTORY_RATE = 0.0;
    /** Trading days in a year: the horizon in years is {@code horizonDays / 252}. */
    public static final double TRADING_DAYS_PER_YEAR = 252.0;

    /** 100,000 plain scenarios, seed 20261120, 1 day, lognormal, interpolated revaluation, 20 replicates. */
    public static final VarSettings DEFAULTS = new VarSettings(DEFAULT_SCENARIOS, DEFAULT_SEED,
            SamplingMethod.of(DEFAULT_METHOD), DEFAULT_HORIZON_DAYS, ReturnModel.LOGNORMAL, Revaluation.INTERPOLATED,
            DEFAULT_REPLICATIONS, DEFAULT_EWMA_LAMBDA, DEFAULT_SHARD_SCENARIOS, DEFAULT_HISTORY_RATE);

    /** Rejects values outside the ranges in the record description. */
    public VarSettings {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(returns, "returns");
        Objects.requireNonNull(revaluation, "revaluation");
        if (scenarios < 2) {
            throw new IllegalArgumentException("scenario count " + scenarios + " is not at least 2");
        }
        if (horizonDays < 1) {
            throw new IllegalArgumentException("horizon of " + horizonDays + " days is not at least 1 day");
        }
        if (replications < 2 || replications > scenarios / 2) {
            throw new IllegalArgumentException(replications + " replications is not between 2 and half the "
                    + scenarios + " scenarios");
        }
        if (!(ewmaLambda > 0.0 && ewmaLambda < 1.0)) {
            throw new IllegalArgumentException("EWMA lambda " + ewmaLambda + " is not strictly between 0 and 1");
        }
        if (!Double.isFinite(historyRate)) {
            throw new IllegalArgumentException("rate " + historyRate + " is not a finite number");
        }
        if (shardScenarios < 1) {
            throw new IllegalArgumentException("shard size " + shardScenarios + " is not at least 1 scenario");
        }
    }

    /** The horizon in years, {@code horizonDays / 252}. */
    public double horizonYears() {
        return horizonDays / TRADING_DAYS_PER_YEAR;
    }

    /** These settings with another scenario count (replications clamped to fit). */
    public VarSettings withScenarios(int count) {
        return new VarSettings(count, seed, method, horizonDays, returns, revaluation,
                Math.max(2, Math.min(replications, count / 2)), ewmaLambda, shardScenarios, historyRate);
    }

    /** These settings with another seed. */
    public VarSettings withSeed(long value) {
        return new VarSettings(scenarios, value, method, horizonDays, returns, revaluation, replications,
                ewmaLambda, shardScenarios, historyRate);
    }

    /** These settings with another sampling method. */
    public VarSettings withMethod(SamplingMethod value) {
        return new VarSettings(scenarios, seed, value, horizonDays, returns, revaluation, replications,
                ewmaLambda, shardScenarios, historyRate);
    }

    /** These settings with another return model. */
    public VarSettings withReturns(ReturnModel value) {
        return new VarSettings(scenarios, seed, method, horizonDays, value, revaluation, replications,
                ewmaLambda, shardScenarios, historyRate);
    }

    /** These settings with another revaluation. */
    public VarSettings withRevaluation(Revaluation value) {
        return new VarSettings(scenarios, seed, method, horizonDays, returns, value, replications,
                ewmaLambda, shardScenarios, historyRate);
    }

    /** These settings with another shard size. */
    public VarSettings withShardScenarios(int value) {
        return new VarSettings(scenarios, seed, method, horizonDays, returns, revaluation, replications,
                ewmaLambda, value, historyRate);
    }

    /** These settings with another rate for options priced off a price history. */
    public VarSettings withHistoryRate(double value) {
        return new VarSettings(scenarios, seed, method, horizonDays, returns, revaluation, replications, ewmaLambda,
                shardScenarios, value);
    }
}
