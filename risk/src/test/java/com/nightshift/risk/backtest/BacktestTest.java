package com.nightshift.risk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/** The backtest statistics against cases computed by hand. */
class BacktestTest {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final double TIGHT = 1e-12;

    /** One observation a day from {@link #START}: '1' a loss of 2 against a VaR of 1, '0' a gain of 0.5. */
    private static List<BacktestObservation> days(String pattern) {
        List<BacktestObservation> days = new ArrayList<>();
        for (int t = 0; t < pattern.length(); t++) {
            days.add(new BacktestObservation(START.plusDays(t), pattern.charAt(t) == '1' ? -2.0 : 0.5, 1.0));
        }
        return days;
    }

    /** {@code exceptions} exceptions among {@code total} days, the exceptions first. */
    private static String pattern(int total, int exceptions) {
        return "1".repeat(exceptions) + "0".repeat(total - exceptions);
    }

    @Test
    void kupiec_250_days_with_8_exceptions_at_99_percent_is_7_73_and_rejects() {
        LikelihoodRatioTest pof = Backtest.kupiecPof(250, 8, 0.99);

        double byHand = -2 * (242 * Math.log(0.99) + 8 * Math.log(0.01))
                + 2 * (242 * Math.log(1 - 8.0 / 250) + 8 * Math.log(8.0 / 250));
        assertThat(pof.statistic()).isCloseTo(byHand, within(TIGHT));
        assertThat(pof.statistic()).isCloseTo(7.7336, within(1e-4));
        assertThat(pof.pValue()).isCloseTo(0.005420, within(1e-6));
        assertThat(pof.degreesOfFreedom()).isEqualTo(1);
        assertThat(pof.rejected()).isTrue();
    }

    @Test
    void kupiec_with_no_exceptions_takes_zero_times_log_zero_as_zero() {
        LikelihoodRatioTest pof = Backtest.kupiecPof(250, 0, 0.99);

        // (x/T)^x = 0^0 = 1 and (1 - 0)^T = 1: the fitted term vanishes.
        double byHand = -2 * (250 * Math.log(0.99));
        assertThat(pof.statistic()).isCloseTo(byHand, within(TIGHT)).isCloseTo(5.0252, within(1e-4));
        assertThat(pof.pValue()).isCloseTo(0.024982, within(1e-6));
        assertThat(pof.rejected()).isTrue();
    }

    @Test
    void kupiec_with_every_day_an_exception_takes_zero_times_log_zero_as_zero() {
        LikelihoodRatioTest pof = Backtest.kupiecPof(10, 10, 0.99);

        double byHand = -2 * (10 * Math.log(0.01));
        assertThat(pof.statistic()).isCloseTo(byHand, within(TIGHT));
        assertThat(pof.rejected()).isTrue();
    }

    @Test
    void kupiec_is_zero_with_p_value_one_when_the_exception_rate_equals_p() {
        LikelihoodRatioTest pof = Backtest.kupiecPof(200, 10, 0.95);

        assertThat(pof.statistic()).isCloseTo(0.0, within(TIGHT));
        assertThat(pof.pValue()).isCloseTo(1.0, within(1e-6));
        assertThat(pof.rejected()).isFalse();
    }

    @Test
    void kupiec_250_days_with_2_exceptions_at_99_percent_does_not_reject() {
        LikelihoodRatioTest pof = Backtest.kupiecPof(250, 2, 0.99);

        double byHand = -2 * (248 * Math.log(0.99) + 2 * Math.log(0.01))
                + 2 * (248 * Math.log(248.0 / 250) + 2 * Math.log(2.0 / 250));
        assertThat(pof.statistic()).isCloseTo(byHand, within(TIGHT));
        assertThat(pof.rejected()).isFalse();
    }

    @Test
    void transitions_are_the_consecutive_pairs_counted_by_hand() {
        // 0 0 0 1 1 1 0 0 0 0: pairs 00 00 01 11 11 10 00 00 00.
        BacktestResult result = Backtest.run(days("0001110000"), 0.99);

        assertThat(result.transitions()).isEqualTo(new TransitionCounts(5, 1, 1, 2));
        assertThat(result.transitions().pairs()).isEqualTo(9);
    }

    @Test
    void christoffersen_independence_of_a_clustered_sequence_matches_the_hand_computation() {
        // n00 = 5, n01 = 1, n10 = 1, n11 = 2: pi0 = 1/6, pi1 = 2/3, pi = 3/9.
        LikelihoodRatioTest ind = Backtest.christoffersenIndependence(new TransitionCounts(5, 1, 1, 2));

        double byHand = -2 * (6 * Math.log(1 - 3.0 / 9) + 3 * Math.log(3.0 / 9))
                + 2 * (5 * Math.log(1 - 1.0 / 6) + 1 * Math.log(1.0 / 6) + 1 * Math.log(1 - 2.0 / 3)
                + 2 * Math.log(2.0 / 3));
        assertThat(ind.statistic()).isCloseTo(byHand, within(TIGHT)).isCloseTo(2.2314, within(1e-4));
        assertThat(ind.pValue()).isCloseTo(0.135228, within(1e-6));
        assertThat(ind.rejected()).isFalse();
    }

    @Test
    void christoffersen_independence_is_zero_when_an_exception_does_not_change_the_next_days_odds() {
        // 0 0 1 1 0 0 0 1 0 0: n00 = 4, n01 = 2, n10 = 2, n11 = 1, so pi0 = pi1 = pi = 1/3.
        BacktestResult result = Backtest.run(days("0011000100"), 0.99);

        assertThat(result.transitions()).isEqualTo(new TransitionCounts(4, 2, 2, 1));
        assertThat(result.christoffersenIndependence().statistic()).isCloseTo(0.0, within(TIGHT));
    }

    @Test
    void christoffersen_independence_of_exceptions_that_never_follow_each_other_takes_zero_log_zero_as_zero() {
        // n11 = 0: pi1 = 0 and the pi1^n11 factor is 0^0 = 1.
        LikelihoodRatioTest ind = Backtest.christoffersenIndependence(new TransitionCounts(6, 2, 2, 0));

        double pi0 = 2.0 / 8;
        double pi = 2.0 / 10;
        double byHand = -2 * (8 * Math.log(1 - pi) + 2 * Math.log(pi))
                + 2 * (6 * Math.log(1 - pi0) + 2 * Math.log(pi0) + 2 * Math.log(1 - 0.0));
        assertThat(ind.statistic()).isCloseTo(byHand, within(TIGHT));
        assertThat(Double.isFinite(ind.pValue())).isTrue();
    }

    @Test
    void no_exceptions_give_zero_independence_and_the_kupiec_statistic_alone() {
        BacktestResult result = Backtest.run(days(pattern(250, 0)), 0.99);

        assertThat(result.exceptions()).isZero();
        assertThat(result.exceptionDates()).isEmpty();
        assertThat(result.transitions()).isEqualTo(new TransitionCounts(249, 0, 0, 0));
        assertThat(result.christoffersenIndependence().statistic()).isZero();
        assertThat(result.christoffersenIndependence().pValue()).isEqualTo(1.0);
        assertThat(result.kupiecPof().statistic()).isCloseTo(-2 * 250 * Math.log(0.99), within(TIGHT));
    }

    @Test
    void every_day_an_exception_gives_finite_statistics_and_a_red_zone() {
        BacktestResult result = Backtest.run(days(pattern(20, 20)), 0.99);

        assertThat(result.exceptions()).isEqualTo(20);
        assertThat(result.exceptionRate()).isEqualTo(1.0);
        assertThat(result.transitions()).isEqualTo(new TransitionCounts(0, 0, 0, 19));
        assertThat(result.kupiecPof().statistic()).isCloseTo(-2 * 20 * Math.log(0.01), within(TIGHT));
        assertThat(result.christoffersenIndependence().statistic()).isZero();
        assertThat(result.trafficLight().zone()).isEqualTo(TrafficLight.RED);
    }

    @Test
    void conditional_coverage_is_the_sum_of_both_statistics_with_two_degrees_of_freedom() {
        BacktestResult result = Backtest.run(days("0001110000"), 0.99);

        double sum = result.kupiecPof().statistic() + result.christoffersenIndependence().statistic();
        assertThat(result.conditionalCoverage().statistic()).isCloseTo(sum, within(TIGHT));
        assertThat(result.conditionalCoverage().degreesOfFreedom()).isEqualTo(2);
        // Chi-square with 2 degrees of freedom: P(X >= s) = exp(-s / 2).
        assertThat(result.conditionalCoverage().pValue()).isCloseTo(Math.exp(-sum / 2), within(TIGHT));
    }

    @Test
    void p_values_are_the_chi_square_upper_tail() {
        for (double statistic : new double[] {0.1, 1.0, 3.841458820694124, 7.7335507, 20.0}) {
            assertThat(LikelihoodRatioTest.of(statistic, 1).pValue()).as("1 dof at %s", statistic)
                    .isCloseTo(1 - new ChiSquaredDistribution(1).cumulativeProbability(statistic), within(1e-9));
            assertThat(LikelihoodRatioTest.of(statistic, 2).pValue()).as("2 dof at %s", statistic)
                    .isCloseTo(1 - new ChiSquaredDistribution(2).cumulativeProbability(statistic), within(1e-9));
        }
    }

    @Test
    void the_five_percent_critical_value_of_one_degree_of_freedom_is_where_rejection_starts() {
        assertThat(LikelihoodRatioTest.of(3.84, 1).rejected()).isFalse();
        assertThat(LikelihoodRatioTest.of(3.85, 1).rejected()).isTrue();
    }

    @Test
    void an_exception_is_a_loss_strictly_beyond_the_var() {
        assertThat(new BacktestObservation(START, -100.0, 100.0).isException()).isFalse();
        assertThat(new BacktestObservation(START, -100.01, 100.0).isException()).isTrue();
        assertThat(new BacktestObservation(START, 150.0, 100.0).isException()).isFalse();
    }

    @Test
    void the_result_counts_exceptions_and_lists_their_dates_in_date_order() {
        List<BacktestObservation> shuffled = new ArrayList<>(days("0100100000"));
        java.util.Collections.reverse(shuffled);

        BacktestResult result = Backtest.run(shuffled, 0.99);

        assertThat(result.observations()).isEqualTo(10);
        assertThat(result.exceptions()).isEqualTo(2);
        assertThat(result.expectedExceptions()).isCloseTo(0.1, within(TIGHT));
        assertThat(result.exceptionRate()).isCloseTo(0.2, within(TIGHT));
        assertThat(result.exceptionDates()).containsExactly(START.plusDays(1), START.plusDays(4));
        assertThat(result.firstDate()).isEqualTo(START);
        assertThat(result.lastDate()).isEqualTo(START.plusDays(9));
    }

    @Test
    void a_single_day_has_no_transitions_and_zero_independence() {
        BacktestResult result = Backtest.run(days("1"), 0.99);

        assertThat(result.transitions().pairs()).isZero();
        assertThat(result.christoffersenIndependence().statistic()).isZero();
    }

    @Test
    void no_observations_are_refused() {
        assertThatThrownBy(() -> Backtest.run(List.of(), 0.99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one observation");
    }

    @Test
    void two_observations_of_one_date_are_refused() {
        List<BacktestObservation> twice = List.of(new BacktestObservation(START, 1, 1), new BacktestObservation(START, 2, 1));

        assertThatThrownBy(() -> Backtest.run(twice, 0.99)).hasMessageContaining("two observations for 2026-01-01");
    }

    @Test
    void a_confidence_outside_zero_to_one_is_refused() {
        assertThatThrownBy(() -> Backtest.run(days("0"), 99)).hasMessageContaining("strictly between 0 and 1");
        assertThatThrownBy(() -> Backtest.kupiecPof(10, 1, 1.0)).hasMessageContaining("strictly between 0 and 1");
    }

    @Test
    void a_var_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new BacktestObservation(START, 1, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new BacktestObservation(START, 1, -5)).hasMessageContaining("positive");
    }
}
