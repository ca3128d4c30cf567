package com.nightshift.risk.pricing;

import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.math.NormalDistribution;
import java.util.Objects;

/**
 * Black-Scholes prices and deltas of European options on an underlying without dividends.
 *
 * <p>Full revaluation prices every option in every scenario, so besides the one-off
 * {@link #price price} and {@link #delta delta} there are batch forms, {@link #prices prices} and
 * {@link #deltas deltas}, that revalue one option at many spots: they check and precompute what
 * does not depend on the spot (discounted strike, drift, vol·sqrt(T)) once, then run a loop with
 * no allocation and no boxing. Both forms go through the same arithmetic, so a batch result is
 * bit-identical to the one-off result for the same spot. Logarithms and exponentials are
 * {@link StrictMath}'s and the normal distribution is {@link NormalDistribution}'s, so results are
 * the same on every platform.
 *
 * <p>Degenerate cases have their limits rather than NaN: at or after expiry ({@code years <= 0})
 * the price is the intrinsic value max(S - K, 0) (put: max(K - S, 0)); with zero volatility it is
 * the discounted forward intrinsic value max(S - K e^{-rT}, 0) (put: max(K e^{-rT} - S, 0)), and
 * so it is when vol·sqrt(T) underflows to zero.
 * Deltas in those cases are the step functions of those limits, 0 at the kink itself.
 *
 * <p>Arguments: spot finite and {@code >= 0}; strike finite and {@code > 0}; rate (continuously
 * compounded, per year) finite; volatility (per sqrt(year)) finite and {@code >= 0}; years finite.
 * Anything else is rejected with an {@link IllegalArgumentException} that names it.
 */
public final class BlackScholes {

    private BlackScholes() {
    }

    /**
     * The price of one European option.
     *
     * @param type   call or put
     * @param spot   the underlying's price now
     * @param strike the strike
     * @param rate   the continuously compounded risk-free rate per year
     * @param vol    the volatility per sqrt(year)
     * @param years  the time to expiry in years; 0 or less means expired
     */
    public static double price(OptionType type, double spot, double strike, double rate, double vol, double years) {
        checkOption(type, strike, rate, vol, years);
        checkSpot(spot);
        boolean call = type == OptionType.CALL;
        if (years <= 0.0) {
            return intrinsic(call, spot, strike);
        }
        double discountedStrike = discountedStrike(strike, rate, years);
        double volSqrtT = volSqrtT(vol, years);
        if (volSqrtT == 0.0) {
            return intrinsic(call, spot, discountedStrike);
        }
        return priceKernel(call, spot, strike, discountedStrike, drift(rate, vol, years), volSqrtT);
    }

    /**
     * Writes the price of one option at each of {@code spots[from..to)} into {@code out[from..to)}.
     * Allocation-free; {@code out} may be {@code spots} itself. Each result is bit-identical to
     * {@link #price} for that spot.
     *
     * @throws IllegalArgumentException  for an invalid option argument (before anything is written)
     *                                   or spot (the entries before it are then already written)
     * @throws IndexOutOfBoundsException if {@code [from, to)} is not within both arrays
     */
    public static void prices(OptionType type, double strike, double rate, double vol, double years,
            double[] spots, int from, int to, double[] out) {
        checkOption(type, strike, rate, vol, years);
        checkRange(spots, from, to, out);
        boolean call = type == OptionType.CALL;
        if (years <= 0.0) {
            for (int i = from; i < to; i++) {
                out[i] = intrinsic(call, checkSpot(spots[i]), strike);
            }
            return;
        }
        double discountedStrike = discountedStrike(strike, rate, years);
        double volSqrtT = volSqrtT(vol, years);
        if (volSqrtT == 0.0) {
            for (int i = from; i < to; i++) {
                out[i] = intrinsic(call, checkSpot(spots[i]), discountedStrike);
            }
            return;
        }
        double drift = drift(rate, vol, years);
        for (int i = from; i < to; i++) {
            out[i] = priceKernel(call, checkSpot(spots[i]), strike, discountedStrike, drift, volSqrtT);
        }
    }

    /**
     * The delta (derivative of the price with respect to the spot) of one European option: N(d1)
     * for a call, N(d1) - 1 for a put. Arguments as for {@link #price}.
     */
    public static double delta(OptionType type, double spot, double strike, double rate, double vol, double years) {
        checkOption(type, strike, rate, vol, years);
        checkSpot(spot);
        boolean call = type == OptionType.CALL;
        if (years <= 0.0) {
            return step(call, spot, strike);
        }
        double volSqrtT = volSqrtT(vol, years);
        if (volSqrtT == 0.0) {
            return step(call, spot, discountedStrike(strike, rate, years));
        }
        return deltaKernel(call, spot, strike, drift(rate, vol, years), volSqrtT);
    }

    /**
     * Writes the delta of one option at each of {@code spots[from..to)} into {@code out[from..to)};
     * the batch form of {@link #delta}, with the same guarantees as {@link #prices}.
     */
    public static void deltas(OptionType type, double strike, double rate, double vol, double years,
            double[] spots, int from, int to, double[] out) {
        checkOption(type, strike, rate, vol, years);
        checkRange(spots, from, to, out);
        boolean call = type == OptionType.CALL;
        if (years <= 0.0) {
            for (int i = from; i < to; i++) {
                out[i] = step(call, checkSpot(spots[i]), strike);
            }
            return;
        }
        double volSqrtT = volSqrtT(vol, years);
        if (volSqrtT == 0.0) {
            double discountedStrike = discountedStrike(strike, rate, years);
            for (int i = from; i < to; i++) {
                out[i] = step(call, checkSpot(spots[i]), discountedStrike);
            }
            return;
        }
        double drift = drift(rate, vol, years);
        for (int i = from; i < to; i++) {
            out[i] = deltaKernel(call, checkSpot(spots[i]), strike, drift, volSqrtT);
        }
    }

    /**
     * Writes the price and the delta of one option at each of {@code spots[from..to)} into
     * {@code prices[from..to)} and {@code deltas[from..to)}: {@link #prices} and {@link #deltas} in one
     * pass, sharing the logarithm and the normal distribution value the two have in common. Each result
     * is bit-identical to {@link #price} and {@link #delta} for that spot.
     */
    public static void pricesAndDeltas(OptionType type, double strike, double rate, double vol, double years,
            double[] spots, int from, int to, double[] prices, double[] deltas) {
        checkOption(type, strike, rate, vol, years);
        checkRange(spots, from, to, prices);
        checkRange(spots, from, to, deltas);
        double volSqrtT = years <= 0.0 ? 0.0 : volSqrtT(vol, years);
        if (volSqrtT == 0.0) {
            prices(type, strike, rate, vol, years, spots, from, to, prices);
            deltas(type, strike, rate, vol, years, spots, from, to, deltas);
            return;
        }
        boolean call = type == OptionType.CALL;
        double discountedStrike = discountedStrike(strike, rate, years);
        double drift = drift(rate, vol, years);
        for (int i = from; i < to; i++) {
            double spot = checkSpot(spots[i]);
            // The arithmetic of priceKernel and deltaKernel, with N(d1) (call) or N(-d1) (put) computed once.
            double d1 = (StrictMath.log(spot / strike) + drift) / volSqrtT;
            double d2 = d1 - volSqrtT;
            if (call) {
                double nd1 = NormalDistribution.cdf(d1);
                prices[i] = Math.max(spot * nd1 - discountedStrike * NormalDistribution.cdf(d2), 0.0);
                deltas[i] = nd1;
            } else {
                double nMinusD1 = NormalDistribution.cdf(-d1);
                prices[i] = Math.max(discountedStrike * NormalDistribution.cdf(-d2) - spot * nMinusD1, 0.0);
                deltas[i] = -nMinusD1;
            }
        }
    }

    private static double priceKernel(boolean call, double spot, double strike, double discountedStrike,
            double drift, double volSqrtT) {
        double d1 = (StrictMath.log(spot / strike) + drift) / volSqrtT;
        double d2 = d1 - volSqrtT;
        double value = call
                ? spot * NormalDistribution.cdf(d1) - discountedStrike * NormalDistribution.cdf(d2)
                : discountedStrike * NormalDistribution.cdf(-d2) - spot * NormalDistribution.cdf(-d1);
        // The difference of two nearly equal terms can round a tiny value below zero.
        return Math.max(value, 0.0);
    }

    private static double deltaKernel(boolean call, double spot, double strike, double drift, double volSqrtT) {
        double d1 = (StrictMath.log(spot / strike) + drift) / volSqrtT;
        // For a put, -N(-d1) rather than N(d1) - 1 keeps the relative accuracy of a small delta.
        return call ? NormalDistribution.cdf(d1) : -NormalDistribution.cdf(-d1);
    }

    private static double intrinsic(boolean call, double spot, double strike) {
        return call ? Math.max(spot - strike, 0.0) : Math.max(strike - spot, 0.0);
    }

    private static double step(boolean call, double spot, double strike) {
        if (call) {
            return spot > strike ? 1.0 : 0.0;
        }
        return spot < strike ? -1.0 : 0.0;
    }

    private static double discountedStrike(double strike, double rate, double years) {
        return strike * StrictMath.exp(-rate * years);
    }

    private static double drift(double rate, double vol, double years) {
        return (rate + 0.5 * vol * vol) * years;
    }

    private static double volSqrtT(double vol, double years) {
        return vol * Math.sqrt(years);
    }

    private static void checkOption(OptionType type, double strike, double rate, double vol, double years) {
        Objects.requireNonNull(type, "type");
        if (!(strike > 0.0) || strike == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("strike must be finite and > 0, got " + strike);
        }
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be finite, got " + rate);
        }
        if (!(vol >= 0.0) || vol == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("vol must be finite and >= 0, got " + vol);
        }
        if (!Double.isFinite(years)) {
            throw new IllegalArgumentException("years must be finite, got " + years);
        }
    }

    private static double checkSpot(double spot) {
        if (!(spot >= 0.0) || spot == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("spot must be finite and >= 0, got " + spot);
        }
        return spot;
    }

    private static void checkRange(double[] spots, int from, int to, double[] out) {
        Objects.checkFromToIndex(from, to, spots.length);
        Objects.checkFromToIndex(from, to, out.length);
    }
}
