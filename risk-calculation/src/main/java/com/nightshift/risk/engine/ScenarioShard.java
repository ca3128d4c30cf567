package com.nightshift.risk.engine;

/**
 * One of {@code count} contiguous, near-equal slices of a run's scenarios.
 *
 * <p>Immutable and thread-safe. Shard {@code i} of {@code n} covers scenarios
 * {@code [floor(i * S / n), floor((i + 1) * S / n))} of a run of {@code S} scenarios, so the
 * shards of one count cover every scenario exactly once. Which random numbers a scenario uses
 * depends only on the seed and the scenario's index, never on the shard, so any split merges back
 * into the single-run result.
 *
 * @param index the shard, {@code 0 <= index < count}
 * @param count how many shards the run is split into, at least 1
 */
public record ScenarioShard(int index, int count) {

    /** Rejects a count below 1 and an index outside {@code [0, count)}. */
    public ScenarioShard {
        if (count < 1) {
            throw new IllegalArgumentException("shard count " + count + " is not at least 1");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index " + index + " is not in [0, " + count + ")");
        }
    }

    /** Shard {@code index} of {@code count}. */
    public static ScenarioShard of(int index, int count) {
        return new ScenarioShard(index, count);
    }

    /** The single shard that is the whole run. */
    public static ScenarioShard whole() {
        return new ScenarioShard(0, 1);
    }

    /** The first scenario index of this shard in a run of {@code scenarios} scenarios. */
    public int firstScenario(int scenarios) {
        return (int) ((long) index * scenarios / count);
    }

    /** One past the last scenario index of this shard in a run of {@code scenarios} scenarios. */
    public int endScenario(int scenarios) {
        return (int) ((long) (index + 1) * scenarios / count);
    }
}
