package com.nightshift.risk.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * The simulated losses of a contiguous range of one run's scenarios: what a shard produces and
 * what {@link MonteCarloVarEngine#merge} combines.
 *
 * <p>Immutable and thread-safe: the array is copied in and out. A loss is the negated P&amp;L of a
 * scenario, in the portfolio's currency (positive means the portfolio lost value). The run is
 * identified by portfolio id, seed and total scenario count, so losses of different runs are not
 * merged by mistake.
 *
 * @param portfolioId    the portfolio of the run
 * @param seed           the seed of the run
 * @param totalScenarios the scenario count of the whole run
 * @param firstScenario  the index of the first scenario in {@code losses}
 * @param losses         the loss of scenarios {@code firstScenario, firstScenario + 1, ...}
 */
public record ScenarioLosses(String portfolioId, long seed, int totalScenarios, int firstScenario, double[] losses) {

    /** Validates the range and copies the losses. */
    public ScenarioLosses {
        Objects.requireNonNull(portfolioId, "portfolio id");
        Objects.requireNonNull(losses, "losses");
        if (totalScenarios < 1) {
            throw new IllegalArgumentException("total scenario count " + totalScenarios + " is not at least 1");
        }
        if (firstScenario < 0 || (long) firstScenario + losses.length > totalScenarios) {
            throw new IllegalArgumentException("scenarios [" + firstScenario + ", " + ((long) firstScenario + losses.length)
                    + ") are not within the run's " + totalScenarios + " scenarios");
        }
        losses = losses.clone();
        for (int i = 0; i < losses.length; i++) {
            if (Double.isNaN(losses[i])) {
                throw new IllegalArgumentException("loss of scenario " + (firstScenario + i) + " is NaN");
            }
        }
    }

    /** Losses of a range of scenarios; see the record description. */
    public static ScenarioLosses of(String portfolioId, long seed, int totalScenarios, int firstScenario, double[] losses) {
        return new ScenarioLosses(portfolioId, seed, totalScenarios, firstScenario, losses);
    }

    /** A copy of the losses, in scenario order. */
    @Override
    public double[] losses() {
        return losses.clone();
    }

    /** One past the last scenario index covered. */
    public int endScenario() {
        return firstScenario + losses.length;
    }

    /** The number of scenarios covered. */
    public int size() {
        return losses.length;
    }

    double lossAt(int offset) {
        return losses[offset];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScenarioLosses that
                && portfolioId.equals(that.portfolioId)
                && seed == that.seed
                && totalScenarios == that.totalScenarios
                && firstScenario == that.firstScenario
                && Arrays.equals(losses, that.losses);
    }

    @Override
    public int hashCode() {
        return Objects.hash(portfolioId, seed, totalScenarios, firstScenario, Arrays.hashCode(losses));
    }

    @Override
    public String toString() {
        return "ScenarioLosses[portfolio=" + portfolioId + ", seed=" + seed + ", scenarios [" + firstScenario + ", "
                + endScenario() + ") of " + totalScenarios + "]";
    }
}
