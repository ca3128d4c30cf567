package com.nightshift.risk.pricing;

/**
 * The price of a zero-coupon bond from its continuously compounded yield:
 * {@code face · exp(-yield · years)}.
 *
 * <p>Continuous compounding because the engine simulates yields as risk factors and revalues by
 * this formula in every scenario: one {@link StrictMath#exp exp}, no allocation, and the same bits
 * on every platform.
 */
public final class ZeroCouponBond {

    private ZeroCouponBond() {
    }

    /**
     * The price of a bond paying {@code face} in {@code years}.
     *
     * @param face  the amount paid at maturity (finite)
     * @param yield the continuously compounded yield per year (finite; may be negative)
     * @param years the time to maturity in years; 0 or less means the bond pays now and is worth its face
     * @throws IllegalArgumentException if an argument is not finite
     */
    public static double price(double face, double yield, double years) {
        if (!Double.isFinite(face)) {
            throw new IllegalArgumentException("face must be finite, got " + face);
        }
        if (!Double.isFinite(yield)) {
            throw new IllegalArgumentException("yield must be finite, got " + yield);
        }
        if (!Double.isFinite(years)) {
            throw new IllegalArgumentException("years must be finite, got " + years);
        }
        if (years <= 0.0) {
            return face;
        }
        return face * StrictMath.exp(-yield * years);
    }
}
