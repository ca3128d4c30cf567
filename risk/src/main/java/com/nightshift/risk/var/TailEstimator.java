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
 *   <li>Weighted (importance sampling, weights {@code w}): {@code k} is the smallest rank whose
 *       cumulative weight reaches {@code a Σw}, and ES is the weighted mean of the losses from
 *       {@code k} up. With unit weights both reduce to the unweighted rule.</li>
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

    private TailEstimator() {
    }

    /** The VaR and ES of {@code losses} at {@code confidence}, weighted when {@code weights} is not null. */
    record Tail(double var, double es, int rank) {
    }

    /** {@code ⌈confidence × n⌉} on the decimal value of the confidence, in {@code [1, n]}. */
    static int varRank(double confidence, int n) {
        int k = new BigDecimal(Double.toString(confidence)).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).intValueExact();
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
            double total = 0.0;
            for (int i : order) {
                total += weights[i];
            }
            double target = confidence * total;
            double cumulative = 0.0;
            k = n;
            for (int r = 0; r < n; r++) {
                cumulative += weights[order[r]];
                if (cumulative >= target) {
                    k = r + 1;
                    break;
                }
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

    /** The indices {@code from .. to-1} sorted by loss ascending (ties by index, so the order is total). */
    static int[] ascending(double[] losses, int from, int to) {
        int n = to - from;
        // A stable merge sort of primitive indices: no boxing, and ties keep scenario order.
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = from + i;
        }
        int[] buffer = new int[n];
        mergeSort(losses, order, buffer, 0, n);
        return order;
    }

    private static void mergeSort(double[] key, int[] a, int[] buffer, int from, int to) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                double kv = key[v];
                int j = i - 1;
                while (j >= from && Double.compare(key[a[j]], kv) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(key, a, buffer, from, mid);
        mergeSort(key, a, buffer, mid, to);
        if (Double.compare(key[a[mid - 1]], key[a[mid]]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buffer, from, to - from);
        int i = from;
        int j = mid;
        for (int out = from; out < to; out++) {
            if (j >= to || (i < mid && Double.compare(key[buffer[i]], key[buffer[j]]) <= 0)) {
                a[out] = buffer[i++];
            } else {
                a[out] = buffer[j++];
            }
        }
    }

    /**
     * The measures of one loss vector: VaR and ES at 95% and 99% over all scenarios, and their standard
     * errors by the method's rule.
     */
    static TailMeasures measures(double value, double[] losses, double[] weights, int[] order, SamplingMethod method,
            int replications, int horizonDays) {
        int n = losses.length;
        double[] estimate = new double[4];
        double[] error = new double[4];
        for (int level = 0; level < 2; level++) {
            double a = LEVELS[level];
            Tail tail = tail(losses, weights, order, a);
            estimate[2 * level] = tail.var();
            estimate[2 * level + 1] = tail.es();
            if (method == SamplingMethod.PLAIN && weights == null) {
                error[2 * level] = orderStatisticError(losses, order, a, tail.rank());
                error[2 * level + 1] = tailMeanError(losses, order, a, tail);
            }
        }
        if (!(method == SamplingMethod.PLAIN && weights == null)) {
            double[][] replicate = new double[4][replications];
            for (int r = 0; r < replications; r++) {
                int from = ScenarioSampler.replicateStart(r, n, replications);
                int to = ScenarioSampler.replicateStart(r + 1, n, replications);
                int[] sub = ascending(losses, from, to);
                for (int level = 0; level < 2; level++) {
                    Tail tail = tail(losses, weights, sub, LEVELS[level]);
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

    /** {@code (L(k+d) - L(k-d)) / (2 × 1.96)}. */
    static double orderStatisticError(double[] losses, int[] order, double confidence, int k) {
        int n = order.length;
        int d = (int) Math.ceil(Z_975 * Math.sqrt(n * confidence * (1.0 - confidence)));
        int lower = Math.max(1, k - d);
        int upper = Math.min(n, k + d);
        return (losses[order[upper - 1]] - losses[order[lower - 1]]) / (2.0 * Z_975);
    }

    /** {@code √((V + a (ES − VaR)²) / m)} over the m tail losses. */
    static double tailMeanError(double[] losses, int[] order, double confidence, Tail tail) {
        int n = order.length;
        int m = n - tail.rank() + 1;
        if (m < 2) {
            return 0.0;
        }
        double squares = 0.0;
        for (int r = tail.rank() - 1; r < n; r++) {
            double deviation = losses[order[r]] - tail.es();
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
