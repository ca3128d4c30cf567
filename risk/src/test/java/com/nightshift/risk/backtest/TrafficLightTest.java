package com.nightshift.risk.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The Basel traffic light and its binomial generalisation. */
class TrafficLightTest {

    /** {@code exceptions} exceptions in {@code days} days, the exceptions last. */
    private static List<Boolean> flags(int days, int exceptions) {
        List<Boolean> flags = new ArrayList<>(Collections.nCopies(days - exceptions, false));
        flags.addAll(Collections.nCopies(exceptions, true));
        return flags;
    }

    @Test
    void four_exceptions_are_green_and_five_yellow() {
        assertThat(Backtest.trafficLight(flags(250, 4), 0.99).zone()).isEqualTo(TrafficLight.GREEN);
        assertThat(Backtest.trafficLight(flags(250, 5), 0.99).zone()).isEqualTo(TrafficLight.YELLOW);
    }

    @Test
    void nine_exceptions_are_yellow_and_ten_red() {
        assertThat(Backtest.trafficLight(flags(250, 9), 0.99).zone()).isEqualTo(TrafficLight.YELLOW);
        assertThat(Backtest.trafficLight(flags(250, 10), 0.99).zone()).isEqualTo(TrafficLight.RED);
    }

    @Test
    void the_plus_factors_are_the_basel_table() {
        double[] expected = {0, 0, 0, 0, 0, 0.40, 0.50, 0.65, 0.75, 0.85, 1.00, 1.00};
        for (int x = 0; x < expected.length; x++) {
            assertThat(TrafficLight.baselPlusFactor(x)).as("%d exceptions", x).isEqualTo(expected[x]);
            assertThat(Backtest.trafficLight(flags(250, x), 0.99).plusFactor()).as("%d exceptions", x)
                    .isEqualTo(expected[x]);
        }
    }

    @Test
    void the_binomial_zones_at_99_percent_over_250_days_are_the_basel_table() {
        for (int x = 0; x <= 250; x++) {
            assertThat(TrafficLight.binomial(250, x, 0.01)).as("%d exceptions", x).isEqualTo(TrafficLight.basel(x));
        }
    }

    @Test
    void the_cumulative_probabilities_around_the_basel_boundaries_are_the_published_ones() {
        // Basel Committee (1996), table 2: 89.22% for 4 exceptions, 95.88% for 5, 99.97% for 9, 99.99% for 10.
        assertThat(TrafficLight.cumulativeProbability(250, 4, 0.01)).isCloseTo(0.8922, within(1e-4));
        assertThat(TrafficLight.cumulativeProbability(250, 5, 0.01)).isCloseTo(0.9588, within(1e-4));
        assertThat(TrafficLight.cumulativeProbability(250, 9, 0.01)).isCloseTo(0.9997, within(1e-4));
        assertThat(TrafficLight.cumulativeProbability(250, 10, 0.01)).isCloseTo(0.99995, within(1e-5));
    }

    @Test
    void at_95_percent_over_250_days_the_zones_come_from_the_binomial_probability() {
        // P(X <= 17) = 0.9212, P(X <= 18) = 0.9526; P(X <= 26) = 0.99984, P(X <= 27) = 0.99993.
        TrafficLightAssessment green = Backtest.trafficLight(flags(250, 17), 0.95);
        assertThat(green.zone()).isEqualTo(TrafficLight.GREEN);
        assertThat(green.method()).isEqualTo(TrafficLightAssessment.Method.BINOMIAL);
        assertThat(green.plusFactor()).isNull();
        assertThat(Backtest.trafficLight(flags(250, 18), 0.95).zone()).isEqualTo(TrafficLight.YELLOW);
        assertThat(Backtest.trafficLight(flags(250, 26), 0.95).zone()).isEqualTo(TrafficLight.YELLOW);
        assertThat(Backtest.trafficLight(flags(250, 27), 0.95).zone()).isEqualTo(TrafficLight.RED);
    }

    @Test
    void only_the_last_250_days_count() {
        List<Boolean> history = new ArrayList<>(flags(50, 50));
        history.addAll(flags(250, 3));

        TrafficLightAssessment light = Backtest.trafficLight(history, 0.99);

        assertThat(light.windowObservations()).isEqualTo(250);
        assertThat(light.windowExceptions()).isEqualTo(3);
        assertThat(light.zone()).isEqualTo(TrafficLight.GREEN);
        assertThat(light.fullWindow()).isTrue();
        assertThat(light.caveat()).isEmpty();
    }

    @Test
    void fewer_than_250_days_are_zoned_on_what_there_is_and_flagged() {
        TrafficLightAssessment light = Backtest.trafficLight(flags(100, 5), 0.99);

        assertThat(light.windowObservations()).isEqualTo(100);
        assertThat(light.windowExceptions()).isEqualTo(5);
        assertThat(light.zone()).isEqualTo(TrafficLight.YELLOW);
        assertThat(light.method()).isEqualTo(TrafficLightAssessment.Method.BASEL);
        assertThat(light.fullWindow()).isFalse();
        assertThat(light.caveat()).isEqualTo("fewer than 250 days");
    }
}
