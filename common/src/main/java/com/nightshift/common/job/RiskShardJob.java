package com.nightshift.common.job;

import java.time.LocalDate;

/**
 * Asks a risk worker for one step of a VaR run that is spread over several tasks: simulating the
 * scenarios {@code [first, end)} of run {@code runId} ({@code step = "shard"}), or merging the run's
 * shards into its results once all are in ({@code step = "merge"}, {@code first = end = 0}). The run's
 * plan, stored beside its shards, says which inputs and settings it uses.
 */
public record RiskShardJob(String jobId, LocalDate businessDate, String step, String runId, int first, int end) {

    /** The step that simulates one shard. */
    public static final String SHARD = "shard";
    /** The step that merges a run's shards. */
    public static final String MERGE = "merge";

    public RiskShardJob {
        JobIds.requireId(jobId, "jobId");
        JobIds.requireId(runId, "runId");
        if (businessDate == null) {
            throw new IllegalArgumentException("businessDate must be given");
        }
        if (!SHARD.equals(step) && !MERGE.equals(step)) {
            throw new IllegalArgumentException("step must be " + SHARD + " or " + MERGE + ", was " + step);
        }
        if (SHARD.equals(step) && (first < 0 || end <= first)) {
            throw new IllegalArgumentException("shard [" + first + ", " + end + ") is empty");
        }
    }

    /** Simulate scenarios {@code [first, end)} of the run. */
    public static RiskShardJob shard(String jobId, LocalDate businessDate, String runId, int first, int end) {
        return new RiskShardJob(jobId + "-" + first, businessDate, SHARD, runId, first, end);
    }

    /** Merge the run's shards. */
    public static RiskShardJob merge(String jobId, LocalDate businessDate, String runId) {
        return new RiskShardJob(jobId + "-merge", businessDate, MERGE, runId, 0, 0);
    }

    /** Whether this is the merge step. */
    public boolean mergeStep() {
        return MERGE.equals(step);
    }
}
