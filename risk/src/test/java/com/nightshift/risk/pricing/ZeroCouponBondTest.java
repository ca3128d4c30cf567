package com.nightshift.risk.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZeroCouponBondTest {

    @Test
    void test_price_discountsContinuously() {
        assertThat(ZeroCouponBond.price(100, 0.05, 2)).isCloseTo(90.48374180359595, within(1e-12));
        assertThat(ZeroCouponBond.price(100, 0.05, 2)).isEqualTo(100 * StrictMath.exp(-0.1));
        assertThat(ZeroCouponBond.price(1000, 0, 7)).isEqualTo(1000.0);
        assertThat(ZeroCouponBond.price(100, -0.01, 1)).isGreaterThan(100.0);
    }

    @Test
    void test_price_atOrAfterMaturityIsTheFace() {
        assertThat(ZeroCouponBond.price(100, 0.05, 0)).isEqualTo(100.0);
        assertThat(ZeroCouponBond.price(100, 0.05, -0.5)).isEqualTo(100.0);
    }

    @Test
    void test_price_rejectsNonFiniteArguments() {
        assertThatThrownBy(() -> ZeroCouponBond.price(Double.NaN, 0.05, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("face must be finite");
        assertThatThrownBy(() -> ZeroCouponBond.price(100, Double.POSITIVE_INFINITY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yield must be finite");
        assertThatThrownBy(() -> ZeroCouponBond.price(100, 0.05, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("years must be finite");
    }
}
