package com.nightshift.risk.math;

/**
 * The standard normal distribution: distribution function, density and quantile function.
 *
 * <p>Hand-written rather than taken from commons-math3 for two reasons. The engine turns every
 * Sobol point into normals through {@link #inverseCdf(double)} (pseudo-random draws go through
 * {@link ZigguratNormals}), and prices every option grid with {@link #cdf(double)}, so those calls must
 * be cheap (no objects, no iteration) and give the same bits on every JVM and platform: all transcendental
 * functions here are {@link StrictMath}'s, whose results are specified to the bit, and the rational
 * approximations are evaluated in a fixed order. And a risk engine lives in the tails, where
 * {@code 0.5 * erfc(-x / sqrt 2)} computed naively loses its relative accuracy: {@link #cdf(double)}
 * keeps about 1e-15 relative accuracy down to where the result underflows.
 *
 * <p>Stateless and thread-safe.
 */
public final class NormalDistribution {

    /** 1 / sqrt(2 pi). */
    private static final double INV_SQRT_2PI = 0.398942280401432677939946059934;

    /** sqrt(32): where Cody's second interval ends and the asymptotic one begins. */
    private static final double SQRT_32 = 5.656854249492380195206754896838;

    /** Below minus this the lower tail underflows to zero (Cody's XLOW). */
    private static final double TAIL_LIMIT = 37.5193;

    private NormalDistribution() {
    }

    /**
     * P(Z &le; x) for a standard normal Z.
     *
     * <p>W. J. Cody's rational Chebyshev approximations (ACM TOMS Algorithm 715, ANORM, with the
     * first interval extended to the upper quartile as in R's {@code pnorm}): one rational function
     * for |x| &le; 0.674, one times exp(-x²/2) up to sqrt(32), and an asymptotic one beyond. The
     * exp(-x²/2) factor is computed as exp(-a²/2) exp(-(x-a)(x+a)/2) with {@code a} the argument
     * truncated to a multiple of 1/16, so {@code a²} is exact and the rounding of x² does not
     * spoil the relative accuracy of the far tail. Relative error about 1e-15 wherever the result
     * is a normal double; 0 below about -37.5 and 1 above about 8.3.
     *
     * @return the probability; NaN for NaN
     */
    public static double cdf(double x) {
        double y = Math.abs(x);
        if (y <= 0.67448975) {
            // First interval: 0.5 + x R(x²), no exponential.
            double xnum = 0.0;
            double xden = 0.0;
            if (y > 0x1p-53) {
                double xsq = x * x;
                xnum = 0.065682337918207449113 * xsq;
                xden = xsq;
                xnum = (xnum + 2.2352520354606839287) * xsq;
                xden = (xden + 47.20258190468824187) * xsq;
                xnum = (xnum + 161.02823106855587881) * xsq;
                xden = (xden + 976.09855173777669322) * xsq;
                xnum = (xnum + 1067.6894854603709582) * xsq;
                xden = (xden + 10260.932208618978205) * xsq;
            }
            return 0.5 + x * (xnum + 18154.981253343561249) / (xden + 45507.789335026729956);
        }
        double tail;
        if (y <= SQRT_32) {
            double xnum = 1.0765576773720192317e-8 * y;
            double xden = y;
            xnum = (xnum + 0.39894151208813466764) * y;
            xden = (xden + 22.266688044328115691) * y;
            xnum = (xnum + 8.8831497943883759412) * y;
            xden = (xden + 235.38790178262499861) * y;
            xnum = (xnum + 93.506656132177855979) * y;
            xden = (xden + 1519.377599407554805) * y;
            xnum = (xnum + 597.27027639480026226) * y;
            xden = (xden + 6485.558298266760755) * y;
            xnum = (xnum + 2494.5375852903726711) * y;
            xden = (xden + 18615.571640885098091) * y;
            xnum = (xnum + 6848.1904505362823326) * y;
            xden = (xden + 34900.952721145977266) * y;
            xnum = (xnum + 11602.651437647350124) * y;
            xden = (xden + 38912.003286093271411) * y;
            tail = gaussianFactor(y) * ((xnum + 9842.7148383839780218) / (xden + 19685.429676859990727));
        } else if (y <= TAIL_LIMIT) {
            double xsq = 1.0 / (x * x);
            double xnum = 0.02307344176494017303 * xsq;
            double xden = xsq;
            xnum = (xnum + 0.21589853405795699) * xsq;
            xden = (xden + 1.28426009614491121) * xsq;
            xnum = (xnum + 0.1274011611602473639) * xsq;
            xden = (xden + 0.468238212480865118) * xsq;
            xnum = (xnum + 0.022235277870649807) * xsq;
            xden = (xden + 0.0659881378689285515) * xsq;
            xnum = (xnum + 0.001421619193227893466) * xsq;
            xden = (xden + 0.00378239633202758244) * xsq;
            double r = xsq * (xnum + 2.9112874951168792e-5) / (xden + 7.29751555083966205e-5);
            tail = gaussianFactor(y) * ((INV_SQRT_2PI - r) / y);
        } else if (y > TAIL_LIMIT) {
            tail = 0.0;
        } else {
            return x; // NaN
        }
        return x > 0.0 ? 1.0 - tail : tail;
    }

    /** The standard normal density exp(-x²/2) / sqrt(2 pi), with the far-tail care of {@link #cdf}. */
    public static double density(double x) {
        double y = Math.abs(x);
        if (y <= 1.0) {
            return INV_SQRT_2PI * StrictMath.exp(-0.5 * y * y);
        }
        return INV_SQRT_2PI * gaussianFactor(y);
    }

    /**
     * The quantile function: the x with P(Z &le; x) = p.
     *
     * <p>M. J. Wichura's Algorithm AS 241 (PPND16, Applied Statistics 37, 1988), accurate to about
     * 1e-16 relative: one rational function of (p - 1/2)² in the centre and two of
     * sqrt(-log(min(p, 1 - p))) in the tails. No iteration, no allocation: this turns each
     * coordinate of a Sobol point into a normal.
     *
     * @param p a probability
     * @return the quantile; -infinity for p &le; 0, +infinity for p &ge; 1, NaN for NaN
     */
    public static double inverseCdf(double p) {
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            return central(q);
        }
        if (!(p > 0.0)) {
            return p <= 0.0 ? Double.NEGATIVE_INFINITY : p; // NaN stays NaN
        }
        if (p >= 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double r = Math.sqrt(-StrictMath.log(q < 0.0 ? p : 1.0 - p));
        double value;
        if (r <= 5.0) {
            r -= 1.6;
            value = (((((((7.74545014278341407640e-4 * r
                    + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r
                    + 1.27045825245236838258) * r
                    + 3.64784832476320460504) * r
                    + 5.76949722146069140550) * r
                    + 4.63033784615654529590) * r
                    + 1.42343711074968357734)
                    / (((((((1.05075007164441684324e-9 * r
                    + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r
                    + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r
                    + 1.67638483018380384940) * r
                    + 2.05319162663775882187) * r
                    + 1.0);
        } else {
            r -= 5.0;
            value = (((((((2.01033439929228813265e-7 * r
                    + 2.71155556874348757815e-5) * r
                    + 1.24266094738807843860e-3) * r
                    + 2.65321895265761230930e-2) * r
                    + 2.96560571828504891230e-1) * r
                    + 1.78482653991729133580) * r
                    + 5.46378491116411436990) * r
                    + 6.65790464350110377720)
                    / (((((((2.04426310338993978564e-15 * r
                    + 1.42151175831644588870e-7) * r
                    + 1.84631831751005468180e-5) * r
                    + 7.86869131145613259100e-4) * r
                    + 1.48753612908506148525e-2) * r
                    + 1.36929880922735805310e-1) * r
                    + 5.99832206555887937690e-1) * r
                    + 1.0);
        }
        return q < 0.0 ? -value : value;
    }

    /** AS 241's rational function for {@code |q| <= 0.425}, {@code q = p - 0.5}: the one place it is written. */
    private static double central(double q) {
        double r = 0.180625 - q * q;
        return q * (((((((2509.0809287301226727 * r
                + 33430.575583588128105) * r
                + 67265.770927008700853) * r
                + 45921.953931549871457) * r
                + 13731.693765509461125) * r
                + 1971.5909503065514427) * r
                + 133.14166789178437745) * r
                + 3.3871328727963666080)
                / (((((((5226.4952788528545610 * r
                + 28729.085735721942674) * r
                + 39307.895800092710610) * r
                + 21213.794301586595867) * r
                + 5394.1960214247511077) * r
                + 687.18700749205790830) * r
                + 42.313330701600911252) * r
                + 1.0);
    }

    /**
     * Writes {@link #inverseCdf(double)} of each of {@code p[from..to)} into {@code out[outFrom..)}:
     * bit-identical to it, and faster over many values. The central rational function, which covers
     * 85% of uniform draws, is evaluated for all of them in a loop without branches (which the JIT can
     * vectorise); the values in the tails are then recomputed one by one.
     */
    public static void inverseCdf(double[] p, int from, int to, double[] out, int outFrom) {
        int shift = outFrom - from;
        for (int i = from; i < to; i++) {
            out[i + shift] = central(p[i] - 0.5);
        }
        for (int i = from; i < to; i++) {
            if (!(Math.abs(p[i] - 0.5) <= 0.425)) {
                out[i + shift] = inverseCdf(p[i]);
            }
        }
    }

    /**
     * exp(-y²/2) for y &ge; 0 without the relative error that rounding y² would bring for large y:
     * with a = y truncated to a multiple of 1/16, a² is exact and y² = a² + (y - a)(y + a).
     */
    private static double gaussianFactor(double y) {
        double a = (double) (long) (y * 16.0) / 16.0;
        double del = (y - a) * (y + a);
        return StrictMath.exp(-0.5 * a * a) * StrictMath.exp(-0.5 * del);
    }
}
