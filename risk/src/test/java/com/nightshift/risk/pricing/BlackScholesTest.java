package com.nightshift.risk.pricing;

import static com.nightshift.risk.book.OptionType.CALL;
import static com.nightshift.risk.book.OptionType.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.nightshift.risk.book.OptionType;
import org.junit.jupiter.api.Test;

class BlackScholesTest {

    private static final double[] SPOTS = {1, 20, 42, 80, 99.5, 100, 100.5, 130, 250, 1000};
    private static final double[] STRIKES = {1, 40, 100, 150};
    private static final double[] RATES = {-0.01, 0, 0.03, 0.10};
    private static final double[] VOLS = {0.01, 0.2, 0.5, 1.5};
    private static final double[] YEARS = {1.0 / 365, 0.25, 1, 10};

    @Test
    void test_price_hullExample() {
        // Hull, Options, Futures and Other Derivatives: S = 42, K = 40, r = 10%, sigma = 20%, T = 6 months.
        double call = BlackScholes.price(CALL, 42, 40, 0.10, 0.20, 0.5);
        double put = BlackScholes.price(PUT, 42, 40, 0.10, 0.20, 0.5);

        assertThat(call).isCloseTo(4.76, within(0.005)).isCloseTo(4.759422392871532, within(1e-4));
        assertThat(put).isCloseTo(0.81, within(0.005)).isCloseTo(0.8085993729000922, within(1e-4));
        // Far tighter than the book's figures: the normal cdf is good to about 1e-15.
        assertThat(call).isCloseTo(4.759422392871532, within(1e-12));
        assertThat(put).isCloseTo(0.8085993729000922, within(1e-12));
    }

    @Test
    void test_price_putCallParityOnAGrid() {
        for (double s : SPOTS) {
            for (double k : STRIKES) {
                for (double r : RATES) {
                    for (double v : VOLS) {
                        for (double t : YEARS) {
                            double call = BlackScholes.price(CALL, s, k, r, v, t);
                            double put = BlackScholes.price(PUT, s, k, r, v, t);
                            double forward = s - k * StrictMath.exp(-r * t);
                            assertThat(call - put)
                                    .as("S=%s K=%s r=%s vol=%s T=%s", s, k, r, v, t)
                                    .isCloseTo(forward, within(1e-12 * Math.max(s, k)));
                            assertThat(call).isGreaterThanOrEqualTo(Math.max(forward, 0.0) - 1e-12 * Math.max(s, k));
                            assertThat(put).isGreaterThanOrEqualTo(0.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void test_price_atOrAfterExpiryIsTheIntrinsicValue() {
        assertThat(BlackScholes.price(CALL, 110, 100, 0.05, 0.3, 0)).isEqualTo(10.0);
        assertThat(BlackScholes.price(CALL, 90, 100, 0.05, 0.3, 0)).isZero();
        assertThat(BlackScholes.price(PUT, 90, 100, 0.05, 0.3, 0)).isEqualTo(10.0);
        assertThat(BlackScholes.price(PUT, 110, 100, 0.05, 0.3, -1)).isZero();
    }

    @Test
    void test_price_zeroVolIsTheDiscountedForwardIntrinsicValue() {
        double discountedStrike = 100 * StrictMath.exp(-0.05 * 2);

        assertThat(BlackScholes.price(CALL, 100, 100, 0.05, 0, 2)).isEqualTo(100 - discountedStrike);
        assertThat(BlackScholes.price(PUT, 100, 100, 0.05, 0, 2)).isZero();
        assertThat(BlackScholes.price(PUT, 80, 100, 0.05, 0, 2)).isEqualTo(discountedStrike - 80);
        assertThat(BlackScholes.price(CALL, 80, 100, 0.05, 0, 2)).isZero();
        // Continuous in the limit.
        assertThat(BlackScholes.price(CALL, 100, 100, 0.05, 1e-9, 2)).isCloseTo(100 - discountedStrike, within(1e-9));
        // A volatility so small that vol * sqrt(T) underflows is treated as zero, not divided by.
        assertThat(BlackScholes.price(CALL, 100, 100, 0.05, Double.MIN_VALUE, 0.25))
                .isEqualTo(100 - 100 * StrictMath.exp(-0.05 * 0.25));
    }

    @Test
    void test_price_zeroSpotAndExtremeMoneyness() {
        assertThat(BlackScholes.price(CALL, 0, 100, 0.05, 0.2, 1)).isZero();
        assertThat(BlackScholes.price(PUT, 0, 100, 0.05, 0.2, 1)).isEqualTo(100 * StrictMath.exp(-0.05));
        // Far out of the money: tiny but still positive, never rounded below zero.
        assertThat(BlackScholes.price(CALL, 1, 1000, 0.05, 0.2, 1)).isPositive().isLessThan(1e-250);
        assertThat(BlackScholes.price(PUT, 1000, 1, 0.05, 0.2, 1)).isGreaterThanOrEqualTo(0.0).isLessThan(1e-250);
        assertThat(BlackScholes.price(CALL, 1, 1e6, 0.05, 0.2, 1)).isZero();
        assertThat(BlackScholes.price(CALL, 1000, 1, 0.05, 0.2, 1)).isCloseTo(1000 - StrictMath.exp(-0.05), within(1e-12));
    }

    @Test
    void test_delta_matchesACentralFiniteDifference() {
        for (OptionType type : OptionType.values()) {
            for (double s : new double[] {60, 90, 100, 110, 150}) {
                for (double t : new double[] {0.1, 1, 5}) {
                    double h = 1e-4 * s;
                    double slope = (BlackScholes.price(type, s + h, 100, 0.03, 0.25, t)
                            - BlackScholes.price(type, s - h, 100, 0.03, 0.25, t)) / (2 * h);
                    assertThat(BlackScholes.delta(type, s, 100, 0.03, 0.25, t))
                            .as("%s S=%s T=%s", type, s, t)
                            .isCloseTo(slope, within(1e-7));
                }
            }
        }
    }

    @Test
    void test_delta_callMinusPutIsOne() {
        for (double s : SPOTS) {
            double difference = BlackScholes.delta(CALL, s, 100, 0.03, 0.25, 1) - BlackScholes.delta(PUT, s, 100, 0.03, 0.25, 1);
            assertThat(difference).isCloseTo(1.0, within(1e-15));
        }
    }

    @Test
    void test_delta_degenerateCasesAreStepFunctions() {
        assertThat(BlackScholes.delta(CALL, 110, 100, 0.05, 0.3, 0)).isEqualTo(1.0);
        assertThat(BlackScholes.delta(CALL, 100, 100, 0.05, 0.3, 0)).isZero();
        assertThat(BlackScholes.delta(PUT, 90, 100, 0.05, 0.3, 0)).isEqualTo(-1.0);
        assertThat(BlackScholes.delta(PUT, 100, 100, 0.05, 0.3, 0)).isZero();
        // With zero volatility the kink is at the discounted strike, 100 e^{-0.05} = 95.12.
        assertThat(BlackScholes.delta(CALL, 96, 100, 0.05, 0, 1)).isEqualTo(1.0);
        assertThat(BlackScholes.delta(CALL, 95, 100, 0.05, 0, 1)).isZero();
        assertThat(BlackScholes.delta(PUT, 95, 100, 0.05, 0, 1)).isEqualTo(-1.0);
        assertThat(BlackScholes.delta(PUT, 96, 100, 0.05, 0, 1)).isZero();
    }

    @Test
    void test_prices_isBitIdenticalToPriceInEveryRegime() {
        double[] spots = {0, 1, 50, 95, 100, 105, 200, 1e6};
        for (OptionType type : OptionType.values()) {
            for (double vol : new double[] {0, 0.3}) {
                for (double years : new double[] {-1, 0, 0.5}) {
                    double[] out = new double[spots.length + 2];
                    BlackScholes.prices(type, 100, 0.04, vol, years, spots, 1, spots.length, out);
                    double[] deltas = new double[spots.length];
                    BlackScholes.deltas(type, 100, 0.04, vol, years, spots, 0, spots.length, deltas);
                    assertThat(out[0]).isZero();
                    for (int i = 1; i < spots.length; i++) {
                        assertThat(out[i]).isEqualTo(BlackScholes.price(type, spots[i], 100, 0.04, vol, years));
                    }
                    for (int i = 0; i < spots.length; i++) {
                        assertThat(deltas[i]).isEqualTo(BlackScholes.delta(type, spots[i], 100, 0.04, vol, years));
                    }
                }
            }
        }
    }

    @Test
    void test_pricesAndDeltas_isBitIdenticalToPriceAndDeltaInEveryRegime() {
        double[] spots = {0, 1, 50, 95, 100, 105, 200, 1e6};
        for (OptionType type : OptionType.values()) {
            for (double vol : new double[] {0, 1e-200, 0.3}) {
                for (double years : new double[] {-1, 0, 0.5}) {
                    double[] prices = new double[spots.length];
                    double[] deltas = new double[spots.length];
                    BlackScholes.pricesAndDeltas(type, 100, 0.04, vol, years, spots, 0, spots.length, prices, deltas);
                    for (int i = 0; i < spots.length; i++) {
                        assertThat(prices[i]).isEqualTo(BlackScholes.price(type, spots[i], 100, 0.04, vol, years));
                        assertThat(deltas[i]).isEqualTo(BlackScholes.delta(type, spots[i], 100, 0.04, vol, years));
                    }
                }
            }
        }
    }

    @Test
    void test_prices_mayOverwriteTheSpotsInPlace() {
        double[] spots = {90, 100, 110};
        double expected = BlackScholes.price(CALL, 100, 100, 0.02, 0.2, 1);

        BlackScholes.prices(CALL, 100, 0.02, 0.2, 1, spots, 0, spots.length, spots);

        assertThat(spots[1]).isEqualTo(expected);
    }

    @Test
    void test_price_rejectsInvalidArguments() {
        assertThatThrownBy(() -> BlackScholes.price(CALL, -1, 100, 0.05, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spot must be finite and >= 0, got -1.0");
        assertThatThrownBy(() -> BlackScholes.price(CALL, Double.POSITIVE_INFINITY, 100, 0.05, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spot");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 0, 0.05, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strike must be finite and > 0");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, Double.POSITIVE_INFINITY, 0.05, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strike");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, Double.NaN, 0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate must be finite");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, 0.05, -0.2, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vol must be finite and >= 0");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, 0.05, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vol");
        assertThatThrownBy(() -> BlackScholes.price(CALL, 100, 100, 0.05, 0.2, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("years must be finite");
        assertThatThrownBy(() -> BlackScholes.delta(null, 100, 100, 0.05, 0.2, 1))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("type");
    }

    @Test
    void test_prices_rejectsABadSpotOrRange() {
        double[] spots = {100, Double.NaN};
        double[] out = new double[2];

        assertThatThrownBy(() -> BlackScholes.prices(PUT, 100, 0.05, 0.2, 1, spots, 0, 2, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spot");
        assertThatThrownBy(() -> BlackScholes.deltas(PUT, 100, 0.05, 0.2, 1, spots, 0, 3, out))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> BlackScholes.prices(PUT, 100, 0.05, 0.2, 1, spots, 0, 2, new double[1]))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
