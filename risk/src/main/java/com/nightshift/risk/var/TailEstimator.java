package com.nightshift.risk.var;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * VaR, ES and their Monte Carlo standard errors from scenario losses.
 *
 * <h2>Estimators</h2>
 * With the n losses sorted ascending, {@code L(1) <= ... <= L(n)}:
 * <ul>
 *   <li>Unweighted: {@code VaR_a = L(k)} with {@code k = ⌈a n⌉} (computed on the decimal value of
 *       {@code a}, so 0.99 × 1000 is 990), and {@code ES_a = mean(L(k), ..., L(n))}.</li>
 *   <li>Weighted (importance sampling, likelihood ratios {@code w}, which average 1): {@code k} is
 *       the rank at which the weight of the losses above {@code L(k)} is at most {@code n − ⌈a n⌉}
 *       (the tail's probability times n) and that of {@code L(k)} and those above exceeds it; ES is
 *       the weighted mean of the losses from {@code k} up. Both are sums over the tail alone (Glynn,
 *       Importance Sampling for Monte Carlo Estimation of Quantiles, 1996): a rank found from the
 *       bottom, against {@code a Σw}, would carry the noise of the body's large weights. With unit
 *       weights both reduce to the unweighted rule.</li>
 * </ul>
 * ES is computed as {@code VaR + mean(L(i) - VaR)}, so {@code ES >= VaR} holds in floating point.
 *
 * <h2>Standard errors</h2>
 * <ul>
 *   <li>{@link SamplingMethod#PLAIN}: from the run itself. VaR: the distribution-free order-statistic
 *       interval, ranks {@code k ± d} with {@code d = ⌈1.96 √(n a (1−a))⌉}, whose width divided by
 *       {@code 2 × 1.96} is the standard error. ES: {@code √((V + a (ES − VaR)²) / m)}, {@code m}
 *       tail scenarios with sample variance {@code V} (Manistre and Hancock, 2005).</li>
 *   <li>The other methods' draws are not independent scenario by scenario (antithetic pairs, a
 *       Sobol net, weights), so the run is made of R independent replicates (contiguous scenario
 *       ranges; for Sobol, independently scrambled point sets) and the standard error is the
 *       standard deviation of the R replicate estimates divided by √R.</li>
 * </ul>
 */
final class TailEstimator {

    static final double[] LEVELS = {0.95, 0.99};
    private static final double Z_975 = 1.959963984540054;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
            10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L,
            100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private TailEstimator() {
    }

    /** The VaR and ES of {@code losses} at {@code confidence}, weighted when {@code weights} is not null. */
    record Tail(double var, double es, int rank) {
    }

    /**
     * {@code ⌈confidence × n⌉} on the decimal value of the confidence (the shortest decimal that
     * reads back as it, {@link Double#toString}), in {@code [1, n]}: 0.99 × 100,000 is 99,000, where the
     * binary product is a hair above and its ceiling one too many. Exact in {@code long} arithmetic
     * whenever the product fits, which is every confidence of a few digits; {@link BigDecimal}
     * otherwise (its first use costs some 12 ms, which a run of the default size is not made to pay).
     */
    static int varRank(double confidence, int n) {
        String text = Double.toString(confidence);
        int exponentAt = text.indexOf('E');
        int exponent = exponentAt < 0 ? 0 : Integer.parseInt(text, exponentAt + 1, text.length(), 10);
        String mantissa = exponentAt < 0 ? text : text.substring(0, exponentAt);
        int point = mantissa.indexOf('.');
        long unscaled = Long.parseLong(mantissa.substring(0, point) + mantissa.substring(point + 1));
        int scale = mantissa.length() - point - 1 - exponent;
        long product = unscaled * n;
        int k;
        if (unscaled >= 0 && scale >= 0 && scale < POWERS_OF_TEN.length && Math.multiplyHigh(unscaled, n) == 0
                && product >= 0) {
            k = (int) Math.min(Integer.MAX_VALUE, Math.ceilDiv(product, POWERS_OF_TEN[scale]));
        } else {
            k = new BigDecimal(text).multiply(BigDecimal.valueOf(n)).setScale(0, RoundingMode.CEILING).intValueExact();
        }
        return Math.max(1, Math.min(k, n));
    }

    /**
     * The tail at {@code confidence} of the losses whose ascending order is {@code order} (indices into
     * {@code losses} and {@code weights}) over scenarios {@code [from, to)} of the arrays.
     */
    static Tail tail(double[] losses, double[] weights, int[] order, double confidence) {
        int n = order.length;
        int k;
        if (weights == null) {
            k = varRank(confidence, n);
        } else {
            // Counted down from the largest loss, so only tail scenarios enter: the body, which the shifted
            // draws seldom reach and then weigh heavily, would make a normalising total Σw about as noisy
            // as a plain estimate and undo the variance reduction.
            double tailWeight = n - varRank(confidence, n);
            double above = 0.0;
            k = 1;
            for (int r = n - 1; r >= 0; r--) {
                double w = weights[order[r]];
                if (above + w > tailWeight) {
                    k = r + 1;
                    break;
                }
                above += w;
            }
        }
        double valueAtRisk = losses[order[k - 1]];
        double excess = 0.0;
        double mass = 0.0;
        for (int r = k - 1; r < n; r++) {
            int i = order[r];
            double w = weights == null ? 1.0 : weights[i];
            excess += w * (losses[i] - valueAtRisk);
            mass += w;
        }
        double expectedShortfall = valueAtRisk + (mass > 0.0 ? excess / mass : 0.0);
        return new Tail(valueAtRisk, expectedShortfall, k);
    }

    /** The tail of losses already sorted ascending, unweighted: the same numbers as {@link #tail} with no weights. */
    static Tail tail(double[] sorted, double confidence) {
        int n = sorted.length;
        int k = varRank(confidence, n);
        double valueAtRisk = sorted[k - 1];
        double excess = 0.0;
        double mass = 0.0;
        for (int r = k - 1; r < n; r++) {
            excess += sorted[r] - valueAtRisk;
            mass += 1.0;
        }
        double expectedShortfall = valueAtRisk + (mass > 0.0 ? excess / mass : 0.0);
        return new Tail(valueAtRisk, expectedShortfall, k);
    }

    /** The losses {@code from .. to-1}, sorted ascending (a copy). */
    static double[] sorted(double[] losses, int from, int to) {
        double[] values = Arrays.copyOfRange(losses, from, to);
        Arrays.sort(values);
        return values;
    }

    /**
     * The indices {@code from .. to-1} sorted by loss ascending (ties by index, so the order is total):
     * a stable least-significant-digit radix sort of the losses' bits mapped to unsigned integers in
     * {@link Double#compare} order, so it gives exactly the order a stable comparison sort gives.
     */
    static int[] ascending(double[] losses, int from, int to) {
        int[] indices = new int[to - from];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = from + i;
        }
        return ascendingOf(losses, indices);
    }

    /** {@code indices} (ascending) sorted by loss ascending, ties kept in index order: the radix sort of {@link #ascending}. */
    private static int[] ascendingOf(double[] losses, int[] indices) {
        int n = indices.length;
        long[] keys = new long[n];
        int[] order = indices;
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(losses[order[i]]);
            // Negative numbers: all bits flipped; others: the sign bit set. Unsigned order is then Double.compare's.
            keys[i] = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        }
        long[] keyBuffer = new long[n];
        int[] orderBuffer = new int[n];
        int[] count = new int[RADIX + 1];
        for (int shift = 0; shift < 64; shift += RADIX_BITS) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((keys[i] >>> shift) & (RADIX - 1)) + 1]++;
            }
            boolean trivial = false;
            for (int d = 1; d <= RADIX; d++) {
                if (count[d] == n) {
                    trivial = true;
                    break;
                }
            }
            if (trivial) {
                continue; // every key has the same digit here: the pass would not move anything
            }
            for (int d = 1; d <= RADIX; d++) {
                count[d] += count[d - 1];
            }
            for (int i = 0; i < n; i++) {
                long key = keys[i];
                int at = count[(int) ((key >>> shift) & (RADIX - 1))]++;
                keyBuffer[at] = key;
                orderBuffer[at] = order[i];
            }
            long[] k = keys;
            keys = keyBuffer;
            keyBuffer = k;
            int[] o = order;
            order = orderBuffer;
            orderBuffer = o;
        }
        return order;
    }

    /**
     * The lowest rank (0-based, in ascending order) that any unweighted measure reads: the lower end of
     * the 95% order-statistic interval. Everything below it can stay unsorted.
     */
    static int lowestRankRead(int n) {
        int lowest = n - 1;
        for (double a : LEVELS) {
            int k = varRank(a, n);
            int d = (int) Math.ceil(Z_975 * Math.sqrt(n * a * (1.0 - a)));
            lowest = Math.min(lowest, Math.max(1, k - d) - 1);
        }
        return lowest;
    }

    /** Below this many losses the partial sorts below just sort everything. */
    private static final int PARTIAL_SORT_MINIMUM = 4_096;
    private static final int SAMPLE_STEP = 16;

    /**
     * A threshold {@code t} such that at least {@code needed} of the losses compare at or above it, and
     * not many more, from a sorted sample of every {@value #SAMPLE_STEP}th loss; NaN when the sample
     * cannot promise it (the caller then counts, and falls back to sorting everything).
     */
    private static double threshold(double[] losses, int from, int to, int needed) {
        int samples = (to - from) / SAMPLE_STEP;
        double[] sample = new double[samples];
        for (int i = 0; i < samples; i++) {
            sample[i] = losses[from + i * SAMPLE_STEP];
        }
        Arrays.sort(sample);
        // About a quarter more than needed, and 32 samples' worth of margin.
        int above = (int) Math.min(samples, 1.25 * needed / SAMPLE_STEP + 32);
        return above >= samples ? Double.NaN : sample[samples - above];
    }

    /**
     * The losses {@code from .. to-1} sorted ascending, where only the entries from rank
     * {@link #lowestRankRead} up are filled in (the rest are 0): the largest losses are picked out
     * with a threshold and only they are sorted. Those entries are exactly what a full sort gives.
     */
    static double[] upperSorted(double[] losses, int from, int to) {
        int n = to - from;
        int needed = n - lowestRankRead(n);
        double t = n < PARTIAL_SORT_MINIMUM ? Double.NaN : threshold(losses, from, to, needed);
        if (Double.isNaN(t)) {
            return sorted(losses, from, to);
        }
        int count = 0;
        for (int i = from; i < to; i++) {
            // Double.compare, not >=, so that -0.0 and 0.0 are split as Arrays.sort orders them.
            if (Double.compare(losses[i], t) >= 0) {
                count++;
            }
        }
        if (count < needed) {
            return sorted(losses, from, to);
        }
        double[] top = new double[count];
        int at = 0;
        for (int i = from; i < to; i++) {
            if (Double.compare(losses[i], t) >= 0) {
                top[at++] = losses[i];
            }
        }
        Arrays.sort(top);
        double[] result = new double[n];
        System.arraycopy(top, 0, result, n - count, count);
        return result;
    }

    /**
     * {@link #ascending} over the whole array, where only the entries from rank {@link #lowestRankRead}
     * up are filled in (the rest are 0): exactly those of the full order, for unweighted measures and
     * Euler components, which read nothing below.
     */
    static int[] upperAscending(double[] losses) {
        int n = losses.length;
        int needed = n - lowestRankRead(n);
        double t = n < PARTIAL_SORT_MINIMUM ? Double.NaN : threshold(losses, 0, n, needed);
        if (Double.isNaN(t)) {
            return ascending(losses, 0, n);
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (Double.compare(losses[i], t) >= 0) {
                count++;
            }
        }
        if (count < needed) {
            return ascending(losses, 0, n);
        }
        int[] top = new int[count];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (Double.compare(losses[i], t) >= 0) {
                top[at++] = i;
            }
        }
        // The picked scenarios are the top ranks of the full order; a stable sort of them in index order
        // puts ties exactly where the full sort does.
        int[] result = new int[n];
        System.arraycopy(ascendingOf(losses, top), 0, result, n - count, count);
        return result;
    }

    private static final int RADIX_BITS = 11;
    private static final int RADIX = 1 << RADIX_BITS;

    /**
     * The measures of one loss vector: VaR and ES at 95% and 99% over all scenarios, and their standard
     * errors by the method's rule.
     */
    static TailMeasures measures(double value, double[] losses, double[] weights, int[] order, SamplingMethod method,
            int replications, int horizonDays) {
        int n = losses.length;
        double[] estimate = new double[4];
        double[] error = new double[4];
        // Unweighted measures need only the order statistics, not which scenario holds each.
        double[] sorted = null;
        if (weights == null) {
            // Only the ranks an unweighted measure reads (see lowestRankRead).
            if (order != null) {
                sorted = new double[n];
                for (int r = lowestRankRead(n); r < n; r++) {
                    sorted[r] = losses[order[r]];
                }
            } else {
                sorted = upperSorted(losses, 0, n);
            }
        }
        for (int level = 0; level < 2; level++) {
            double a = LEVELS[level];
            Tail tail = sorted != null ? tail(sorted, a) : tail(losses, weights, order, a);
            estimate[2 * level] = tail.var();
            estimate[2 * level + 1] = tail.es();
            if (method == SamplingMethod.PLAIN && weights == null) {
                error[2 * level] = orderStatisticError(sorted, a, tail.rank());
                error[2 * level + 1] = tailMeanError(sorted, a, tail);
            }
        }
        if (!(method == SamplingMethod.PLAIN && weights == null)) {
            double[][] replicate = new double[4][replications];
            for (int r = 0; r < replications; r++) {
                int from = ScenarioSampler.replicateStart(r, n, replications);
                int to = ScenarioSampler.replicateStart(r + 1, n, replications);
                double[] sub = weights == null ? upperSorted(losses, from, to) : null;
                int[] subOrder = weights == null ? null : ascending(losses, from, to);
                for (int level = 0; level < 2; level++) {
                    Tail tail = sub != null ? tail(sub, LEVELS[level]) : tail(losses, weights, subOrder, LEVELS[level]);
                    replicate[2 * level][r] = tail.var();
                    replicate[2 * level + 1][r] = tail.es();
                }
            }
            for (int i = 0; i < 4; i++) {
                error[i] = standardDeviation(replicate[i]) / Math.sqrt(replications);
            }
        }
        double tenDay = Math.sqrt(10.0 / horizonDays);
        return new TailMeasures(value, estimate[0], estimate[1], estimate[2], estimate[3], error[0], error[1],
                error[2], error[3], estimate[2] * tenDay, estimate[3] * tenDay);
    }

    /** {@code (L(k+d) - L(k-d)) / (2 × 1.96)}, from the losses sorted ascending. */
    static double orderStatisticError(double[] sorted, double confidence, int k) {
        int n = sorted.length;
        int d = (int) Math.ceil(Z_975 * Math.sqrt(n * confidence * (1.0 - confidence)));
        int lower = Math.max(1, k - d);
        int upper = Math.min(n, k + d);
        return (sorted[upper - 1] - sorted[lower - 1]) / (2.0 * Z_975);
    }

    /** {@code √((V + a (ES − VaR)²) / m)} over the m tail losses, from the losses sorted ascending. */
    static double tailMeanError(double[] sorted, double confidence, Tail tail) {
        int n = sorted.length;
        int m = n - tail.rank() + 1;
        if (m < 2) {
            return 0.0;
        }
        double squares = 0.0;
        for (int r = tail.rank() - 1; r < n; r++) {
            double deviation = sorted[r] - tail.es();
            squares += deviation * deviation;
        }
        double gap = tail.es() - tail.var();
        return Math.sqrt((squares / (m - 1) + confidence * gap * gap) / m);
    }

    static double standardDeviation(double[] values) {
        double mean = 0.0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** Each portfolio's Euler contributions to the book's VaR and ES at both levels. */
    static double[][] components(double[][] losses, double[] weights, int[] bookOrder) {
        int portfolios = losses.length - 1;
        double[] book = losses[portfolios];
        int n = bookOrder.length;
        double[][] result = new double[portfolios][4];
        for (int level = 0; level < 2; level++) {
            double a = LEVELS[level];
            Tail tail = tail(book, weights, bookOrder, a);
            int d = (int) Math.ceil(Z_975 * Math.sqrt(n * a * (1.0 - a)));
            int lower = Math.max(1, tail.rank() - d);
            int upper = Math.min(n, tail.rank() + d);
            double windowBook = 0.0;
            double tailMass = 0.0;
            for (int r = lower - 1; r < upper; r++) {
                int i = bookOrder[r];
                windowBook += (weights == null ? 1.0 : weights[i]) * book[i];
            }
            for (int r = tail.rank() - 1; r < n; r++) {
                tailMass += weights == null ? 1.0 : weights[bookOrder[r]];
            }
            for (int p = 0; p < portfolios; p++) {
                double window = 0.0;
                double tailSum = 0.0;
                for (int r = lower - 1; r < upper; r++) {
                    int i = bookOrder[r];
                    window += (weights == null ? 1.0 : weights[i]) * losses[p][i];
                }
                for (int r = tail.rank() - 1; r < n; r++) {
                    int i = bookOrder[r];
                    tailSum += (weights == null ? 1.0 : weights[i]) * losses[p][i];
                }
                result[p][2 * level] = windowBook != 0.0 ? tail.var() * window / windowBook : 0.0;
                result[p][2 * level + 1] = tailSum / tailMass;
            }
        }
        return result;
    }

    /** The book's P&amp;L histogram: {@link PnlHistogram#BINS} bins from the smallest to the largest P&amp;L. */
    static PnlHistogram histogram(double[] bookLosses, double[] weights) {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        double total = 0.0;
        for (int i = 0; i < bookLosses.length; i++) {
            double pnl = -bookLosses[i];
            lowest = Math.min(lowest, pnl);
            highest = Math.max(highest, pnl);
            total += weights == null ? 1.0 : weights[i];
        }
        int bins = PnlHistogram.BINS;
        double width = highest > lowest ? (highest - lowest) / bins : 1.0;
        double[] mass = new double[bins];
        for (int i = 0; i < bookLosses.length; i++) {
            int bin = (int) ((-bookLosses[i] - lowest) / width);
            mass[Math.min(Math.max(bin, 0), bins - 1)] += weights == null ? 1.0 : weights[i];
        }
        double sum = total;
        return new PnlHistogram(lowest, width, Arrays.stream(mass).map(m -> m / sum).boxed().toList());
    }
}
