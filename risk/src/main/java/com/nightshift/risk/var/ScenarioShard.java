package com.nightshift.risk.var;

/**
 * A contiguous range of a run's scenarios, {@code [first, end)}: the unit of work of one task when a
 * run is spread over several.
 *
 * @param first the first scenario, 0 or more
 * @param end   one past the last scenario, more than {@code first}
 */
public record ScenarioShard(int first, int end) {

    public ScenarioShard {
        if (first < 0 || end <= first) {
            throw new IllegalArgumentException("shard [" + first + ", " + end + ") is empty or negative");
        }
    }

    /** The number of scenarios in the shard. */
    public int size() {
        return end - first;
    }

    /** The run of {@code scenarios} cut into shards of at most {@code maxSize}, in order. */
    public static java.util.List<ScenarioShard> split(int scenarios, int maxSize) {
        if (scenarios < 1 || maxSize < 1) {
            throw new IllegalArgumentException("cannot split " + scenarios + " scenarios into shards of " + maxSize);
        }
        int count = (scenarios + maxSize - 1) / maxSize;
        java.util.List<ScenarioShard> shards = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Even sizes: the shards differ by at most one scenario.
            int first = (int) ((long) i * scenarios / count);
            int end = (int) ((long) (i + 1) * scenarios / count);
            shards.add(new ScenarioShard(first, end));
        }
        return shards;
    }
}
