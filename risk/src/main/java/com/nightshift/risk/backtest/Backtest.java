package com.nightshift.risk.backtest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Backtests a VaR model: its daily forecasts against the P&amp;L that followed. Counts the exceptions
 * (days whose loss strictly exceeded the VaR), tests their number with Kupiec's proportion of failures,
 * their clustering with Christoffersen's independence test and both together as conditional coverage,
 * and places the last 250 days in the Basel traffic light. Stateless; plain Java.
 *
 * <p>The likelihood ratios take 0 &middot; ln 0 as 0, so that no exceptions, only exceptions or a
 * transition that never happens give finite statistics. The statistics are written out here rather
 * than taken from a library because no kept library offers these tests; commons-math3 supplies the
 * chi-square and binomial distributions.
 */
public final class Backtest {

    /** The confidence level of a VaR column that does not name its own: the Basel backtest's 99%. */
    public static final double DEFAULT_CONFIDENCE = 0.99;

    private Backtest() {
    }

    /**
     * The backtest of {@code observations} (any order; one a date) for a VaR at {@code confidence}.
     *
     * @throws IllegalArgumentException when there are no observations, two share a date, or the
     *                                  confidence is not strictly between 0 and 1
     */
    public static BacktestResult run(Collection<BacktestObservation> observations, double confidence) {
        double p = exceptionProbability(confidence);
        List<BacktestObservation> days = new ArrayList<>(observations);
        if (days.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one observation");
        }
        days.sort(Comparator.comparing(BacktestObservation::date));
        for (int t = 1; t < days.size(); t++) {
            if (days.get(t).date().equals(days.get(t - 1).date())) {
                throw new IllegalArgumentException("two observations for " + days.get(t).date());
            }
        }
        List<Boolean> flags = days.stream().map(BacktestObservation::isException).toList();
        List<LocalDate> exceptionDates = days.stream().filter(BacktestObservation::isException)
                .map(BacktestObservation::date).toList();
        int total = days.size();
        int exceptions = exceptionDates.size();

        LikelihoodRatioTest pof = kupiecPof(total, exceptions, confidence);
        TransitionCounts transitions = TransitionCounts.of(flags);
        LikelihoodRatioTest independence = christoffersenIndependence(transitions);
        return new BacktestResult(confidence, days.get(0).date(), days.get(total - 1).date(), total, exceptions,
                total * p, (double) exceptions / total, pof, transitions, independence,
                conditionalCoverage(pof, independence), trafficLight(flags, confidence), exceptionDates);
    }

    /**
     * Kupiec's proportion-of-failures test of {@code exceptions} in {@code observations} days at
     * {@code confidence} (p = 1 - confidence):
     * LR_pof = -2 ln[(1-p)^(T-x) p^x] + 2 ln[(1-x/T)^(T-x) (x/T)^x], chi-square with 1 degree of freedom.
     */
    public static LikelihoodRatioTest kupiecPof(int observations, int exceptions, double confidence) {
        double p = exceptionProbability(confidence);
        if (observations < 1) {
            throw new IllegalArgumentException("the proportion-of-failures test needs at least one observation");
        }
        if (exceptions < 0 || exceptions > observations) {
            throw new IllegalArgumentException(exceptions + " exceptions in " + observations + " observations");
        }
        int t = observations;
        int x = exceptions;
        double observed = (double) x / t;
        double model = xLogY(t - x, 1 - p) + xLogY(x, p);
        double fitted = xLogY(t - x, 1 - observed) + xLogY(x, observed);
        return LikelihoodRatioTest.of(nonNegative(-2 * model + 2 * fitted), 1);
    }

    /**
     * Christoffersen's independence test of the day-to-day transitions: with pi0 = n01/(n00+n01),
     * pi1 = n11/(n10+n11) and pi = (n01+n11)/(n00+n01+n10+n11),
     * LR_ind = -2 ln[(1-pi)^(n00+n10) pi^(n01+n11)] + 2 ln[(1-pi0)^n00 pi0^n01 (1-pi1)^n10 pi1^n11],
     * chi-square with 1 degree of freedom. A probability whose counts are all zero enters only with
     * exponent zero, so it is never needed.
     */
    public static LikelihoodRatioTest christoffersenIndependence(TransitionCounts n) {
        double pi0 = ratio(n.n01(), n.n00() + n.n01());
        double pi1 = ratio(n.n11(), n.n10() + n.n11());
        double pi = ratio(n.n01() + n.n11(), n.pairs());
        double restricted = xLogY(n.n00() + n.n10(), 1 - pi) + xLogY(n.n01() + n.n11(), pi);
        double unrestricted = xLogY(n.n00(), 1 - pi0) + xLogY(n.n01(), pi0)
                + xLogY(n.n10(), 1 - pi1) + xLogY(n.n11(), pi1);
        return LikelihoodRatioTest.of(nonNegative(-2 * restricted + 2 * unrestricted), 1);
    }

    /** Christoffersen's conditional coverage: LR_cc = LR_pof + LR_ind, chi-square with 2 degrees of freedom. */
    public static LikelihoodRatioTest conditionalCoverage(LikelihoodRatioTest pof, LikelihoodRatioTest independence) {
        return LikelihoodRatioTest.of(pof.statistic() + independence.statistic(), 2);
    }

    /**
     * The traffic light of the last {@link TrafficLightAssessment#WINDOW} of {@code exceptions} (one
     * flag a day, in date order; all of them when there are fewer): the Basel table at 99%, the binomial
     * cumulative probability at any other confidence level.
     */
    public static TrafficLightAssessment trafficLight(List<Boolean> exceptions, double confidence) {
        double p = exceptionProbability(confidence);
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("a traffic light needs at least one observation");
        }
        List<Boolean> window = exceptions.subList(Math.max(0, exceptions.size() - TrafficLightAssessment.WINDOW),
                exceptions.size());
        int days = window.size();
        int count = (int) window.stream().filter(Boolean::booleanValue).count();
        double cumulative = TrafficLight.cumulativeProbability(days, count, p);
        boolean full = days >= TrafficLightAssessment.WINDOW;
        if (isBaselLevel(confidence)) {
            return new TrafficLightAssessment(TrafficLight.basel(count), TrafficLightAssessment.Method.BASEL, days,
                    count, cumulative, TrafficLight.baselPlusFactor(count), full);
        }
        return new TrafficLightAssessment(TrafficLight.binomial(days, count, p), TrafficLightAssessment.Method.BINOMIAL,
                days, count, cumulative, null, full);
    }

    /** Whether {@code confidence} is the Basel table's 99% (to within rounding of a parsed decimal). */
    public static boolean isBaselLevel(double confidence) {
        return Math.abs(confidence - 0.99) < 1e-12;
    }

    private static double exceptionProbability(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("the confidence level must lie strictly between 0 and 1, was " + confidence);
        }
        // In decimal: 0.99 means p = 0.01, not the binary 1 - 0.99 = 0.010000000000000009.
        return BigDecimal.ONE.subtract(BigDecimal.valueOf(confidence)).doubleValue();
    }

    /** {@code count * ln(probability)}, with 0 &middot; ln 0 = 0 (and 0 &middot; ln of an undefined probability = 0). */
    private static double xLogY(int count, double probability) {
        return count == 0 ? 0.0 : count * Math.log(probability);
    }

    /** {@code numerator / denominator}, NaN for 0/0: such a ratio only ever meets a zero count in {@link #xLogY}. */
    private static double ratio(int numerator, int denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }

    /** Rounding can leave a statistic whose exact value is 0 a hair below it. */
    private static double nonNegative(double statistic) {
        return Math.max(0.0, statistic);
    }
}
