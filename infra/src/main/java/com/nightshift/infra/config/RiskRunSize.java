package com.nightshift.infra.config;

import com.nightshift.risk.var.VarSettings;

/**
 * How large an environment's nightly VaR run is and how it is spread: the risk task definition's
 * {@code VAR_SCENARIOS} and {@code VAR_SHARD_SCENARIOS}. A run of more than {@code shardScenarios}
 * scenarios is split into shards of at most that many, one risk-queue message each, so an environment
 * can make its runs sharded (the local one does, so that every local night takes that path) without
 * changing the defaults of {@code bin/nightshift var}. Immutable; validated by {@link EnvironmentConfigLoader}.
 *
 * @param scenarios      the number of Monte Carlo scenarios of a run
 * @param shardScenarios the largest run one risk task computes alone
 */
public record RiskRunSize(int scenarios, int shardScenarios) {

    /** {@link VarSettings#DEFAULTS}: what an environment gets when its configuration has no {@code risk} block. */
    public static final RiskRunSize DEFAULT = new RiskRunSize(VarSettings.DEFAULT_SCENARIOS,
            VarSettings.DEFAULT_SHARD_SCENARIOS);
    /** Fewer would leave a handful of scenarios beyond the 99% quantile: no tail to measure. */
    public static final int MIN_SCENARIOS = 1_000;
    public static final int MAX_SCENARIOS = 10_000_000;
    /** A run spreads over at most this many shard messages, each its own S3 object and SQS message. */
    public static final int MAX_SHARDS = 1_000;

    /** The number of shard messages a run is spread over; 1 when it is computed in one task. */
    public int shards() {
        return scenarios <= shardScenarios ? 1 : (scenarios + shardScenarios - 1) / shardScenarios;
    }
}
