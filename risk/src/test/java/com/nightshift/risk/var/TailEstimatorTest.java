package com.nightshift.risk.var;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TailEstimatorTest {

    private static double[] oneToHundredShuffled() {
        double[] losses = new double[100];
        for (int i = 0; i < 100; i++) {
            losses[i] = (i * 37) % 100 + 1; // 1..100 in a scrambled order
        }
        return losses;
    }

    @Test
    void partialSorts_giveTheFullSortsEntriesFromTheLowestRankRead() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        double[] losses = new double[20_000];
        for (int i = 0; i < losses.length; i++) {
            // Coarse values: many ties, and both zeros.
            losses[i] = Math.round(random.nextGaussian() * 8) / 4.0;
            if (i % 97 == 0) {
                losses[i] = -0.0;
            }
        }
        int n = losses.length;
        int lowest = TailEstimator.lowestRankRead(n);
        double[] full = TailEstimator.sorted(losses, 0, n);
        int[] fullOrder = TailEstimator.ascending(losses, 0, n);
        double[] partial = TailEstimator.upperSorted(losses, 0, n);
        int[] partialOrder = TailEstimator.upperAscending(losses);
        for (int r = lowest; r < n; r++) {
            assertThat(Double.doubleToRawLongBits(partial[r])).isEqualTo(Double.doubleToRawLongBits(full[r]));
            assertThat(partialOrder[r]).isEqualTo(fullOrder[r]);
        }
        assertThat(lowest).isLessThan(TailEstimator.varRank(0.95, n) - 1);
    }

    @Test
    void varRank_isTheCeilingOnTheDecimalConfidence() {
        assertThat(TailEstimator.varRank(0.99, 1_000)).isEqualTo(990);
        assertThat(TailEstimator.varRank(0.95, 101)).isEqualTo(96);
        assertThat(TailEstimator.varRank(0.99, 10)).isEqualTo(10);
    }

    @Test
    void varRank_agreesWithDecimalArithmetic_forConfidencesOfEveryLengthAndNotation() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        double[] written = {0.95, 0.99, 0.975, 0.999, 0.5, 1.0E-4, 2.5E-7, 0.123456789012345, 0.9999999999999999};
        int[] counts = {1, 7, 101, 1_000, 100_000, 1_234_567, Integer.MAX_VALUE};
        for (int i = 0; i < written.length + 2_000; i++) {
            double confidence = i < written.length ? written[i] : random.nextDouble();
            for (int n : counts) {
                int expected = new java.math.BigDecimal(Double.toString(confidence))
                        .multiply(java.math.BigDecimal.valueOf(n))
                        .setScale(0, java.math.RoundingMode.CEILING).intValueExact();
                assertThat(TailEstimator.varRank(confidence, n))
                        .as("rank of %s among %d", confidence, n)
                        .isEqualTo(Math.max(1, Math.min(expected, n)));
            }
        }
    }

    @Test
    void var_isTheLossOfRankCeilingAN_andEsTheMeanFromThatRankUp() {
        double[] losses = oneToHundredShuffled();
        int[] order = TailEstimator.ascending(losses, 0, 100);
        TailEstimator.Tail tail = TailEstimator.tail(losses, null, order, 0.95);
        assertThat(tail.var()).isEqualTo(95.0);
        assertThat(tail.es()).isEqualTo((95.0 + 96 + 97 + 98 + 99 + 100) / 6);
    }

    @Test
    void unitWeights_giveTheUnweightedTail() {
        double[] losses = oneToHundredShuffled();
        double[] weights = new double[100];
        Arrays.fill(weights, 1.0);
        int[] order = TailEstimator.ascending(losses, 0, 100);
        for (double confidence : new double[] {0.9, 0.95, 0.975, 0.99, 0.995}) {
            assertThat(TailEstimator.tail(losses, weights, order, confidence)).as("at %s", confidence)
                    .isEqualTo(TailEstimator.tail(losses, null, order, confidence));
        }
    }

    @Test
    void weightedTail_startsWhereTheWeightAboveItReachesTheTailProbabilityTimesN() {
        // Losses 1..4 weighted 5.0, 0.2, 0.5, 0.7; at 75% the tail holds weight n - 3 = 1. Above loss 3
        // lies 0.7, above and at it 1.2: the VaR is 3. The body's large weight does not enter: a rank
        // found from the bottom against 75% of the total (6.4) would be loss 1.
        double[] losses = {3.0, 1.0, 4.0, 2.0};
        double[] weights = {0.5, 5.0, 0.7, 0.2};
        int[] order = TailEstimator.ascending(losses, 0, 4);
        TailEstimator.Tail tail = TailEstimator.tail(losses, weights, order, 0.75);
        assertThat(tail.var()).isEqualTo(3.0);
        assertThat(tail.es()).isCloseTo((0.5 * 3.0 + 0.7 * 4.0) / 1.2, within(1e-15));
    }

    @Test
    void ascending_sortsIndicesByLossKeepingTiesInScenarioOrder() {
        double[] losses = {2.0, -1.0, 2.0, 0.0, -1.0};
        assertThat(TailEstimator.ascending(losses, 0, 5)).containsExactly(1, 4, 3, 0, 2);
        assertThat(TailEstimator.ascending(losses, 2, 5)).containsExactly(4, 3, 2);
    }

    @Test
    void histogram_frequenciesAddUpToOneAndSpanThePnl() {
        double[] losses = oneToHundredShuffled();
        PnlHistogram histogram = TailEstimator.histogram(losses, null);
        assertThat(histogram.lower()).isEqualTo(-100.0);
        assertThat(histogram.binWidth() * PnlHistogram.BINS).isCloseTo(99.0, within(1e-12));
        assertThat(histogram.frequencies()).hasSize(PnlHistogram.BINS);
        assertThat(histogram.frequencies().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void replicateErrors_areTheSpreadOfTheReplicateEstimates() {
        // Two replicates of 1..100 and 101..200 (each scrambled): 95% VaRs 95 and 195, spread 50√2, error 50.
        double[] losses = new double[200];
        double[] first = oneToHundredShuffled();
        for (int i = 0; i < 100; i++) {
            losses[i] = first[i];
            losses[100 + i] = first[i] + 100;
        }
        TailMeasures measures = TailEstimator.measures(0.0, losses, null, TailEstimator.ascending(losses, 0, 200),
                SamplingMethod.ANTITHETIC, 2, 1);
        assertThat(measures.var95StdError()).isCloseTo(50.0, within(1e-12));
        assertThat(measures.var95()).isEqualTo(190.0);
    }
}
