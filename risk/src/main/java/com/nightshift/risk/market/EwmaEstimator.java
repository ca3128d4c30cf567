package com.nightshift.risk.market;

import com.nightshift.risk.book.RiskInputException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Volatilities and correlations estimated from a {@link PriceHistory} with RiskMetrics EWMA on daily
 * log returns, into a {@link MarketSnapshot} in the history's factor order.
 *
 * <p>The returns. Closes dated after the as-of date are ignored. Returns are taken between
 * consecutive dates that every factor has a close on (a date some factor lacks is skipped for all):
 * {@code r_t = ln(close_t / close_{t-1})}, for {@code t = 1..T}, oldest first. Each factor's own
 * last close on or before the as-of date must be at most {@value #MAX_STALE_DAYS} calendar days
 * older than it, else the prices are stale; at least 2 returns ({@code T >= 2}) are needed.
 *
 * <p>The estimator, with decay {@code lambda} (0.94 by default):
 * <pre>
 *   zero-mean returns r_1..r_T (oldest first);
 *   covariance = sum_{i=0}^{T-1} w_i r_{T-i} r_{T-i}^T with w_i = (1-lambda) lambda^i / (1 - lambda^T)
 * </pre>
 * (the RiskMetrics weights, normalised to sum to one over the window; the newest return weighs most).
 * Then, for factors {@code a} and {@code b}:
 * <ul>
 *   <li>vol_a = sqrt(252 &times; cov_aa), annualised;</li>
 *   <li>corr_ab = cov_ab / sqrt(cov_aa cov_bb); a factor with zero variance has vol 0 and correlation 0
 *       with every other factor (1 with itself);</li>
 *   <li>spot_a = the factor's last close on or before the as-of date;</li>
 *   <li>rate = the rate the caller gives, the same for every factor (0 by default).</li>
 * </ul>
 * Sums run in the order written, so the same history gives the same numbers to the bit. Immutable
 * and thread-safe.
 */
public final class EwmaEstimator {

    /** The RiskMetrics daily decay. */
    public static final double DEFAULT_LAMBDA = 0.94;

    /** Trading days a year, to annualise a daily variance. */
    public static final int TRADING_DAYS = 252;

    /** A factor whose last close is more than this many calendar days before the as-of date is stale. */
    public static final int MAX_STALE_DAYS = 5;

    /** The fewest returns an estimate needs. */
    public static final int MIN_RETURNS = 2;

    private final double lambda;

    /** The RiskMetrics estimator, lambda 0.94. */
    public EwmaEstimator() {
        this(DEFAULT_LAMBDA);
    }

    /** An estimator with decay {@code lambda}, strictly between 0 and 1. */
    public EwmaEstimator(double lambda) {
        if (!(lambda > 0.0 && lambda < 1.0)) {
            throw new IllegalArgumentException("lambda " + lambda + " is not strictly between 0 and 1");
        }
        this.lambda = lambda;
    }

    /** The decay. */
    public double lambda() {
        return lambda;
    }

    /** The market as of the history's last date, with rate 0. */
    public MarketSnapshot estimate(PriceHistory history) {
        return estimate(history, 0.0);
    }

    /** The market as of the history's last date. */
    public MarketSnapshot estimate(PriceHistory history, double rate) {
        LocalDate last = history.lastDate()
                .orElseThrow(() -> new RiskInputException(history.fileName(), "no prices after the header"));
        return estimate(history, last, rate);
    }

    /** The market as of {@code asOf}, every factor with the continuously-compounded {@code rate}. */
    public MarketSnapshot estimate(PriceHistory history, LocalDate asOf, double rate) {
        String file = history.fileName();
        if (!Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate " + rate + " is not a finite number");
        }
        List<String> names = history.factors();
        if (names.isEmpty()) {
            throw new RiskInputException(file, "no prices after the header");
        }
        int n = names.size();
        List<NavigableMap<LocalDate, Double>> series = new ArrayList<>(n);
        double[] spots = new double[n];
        NavigableSet<LocalDate> common = null;
        for (int a = 0; a < n; a++) {
            String name = names.get(a);
            NavigableMap<LocalDate, Double> upToAsOf = history.closes(name).headMap(asOf, true);
            if (upToAsOf.isEmpty()) {
                throw new RiskInputException(file, "factor " + name + " has no close on or before the as-of date "
                        + asOf);
            }
            Map.Entry<LocalDate, Double> last = upToAsOf.lastEntry();
            if (ChronoUnit.DAYS.between(last.getKey(), asOf) > MAX_STALE_DAYS) {
                String problem = "stale prices: factor " + name + " last closed on " + last.getKey()
                        + ", more than " + MAX_STALE_DAYS + " days before the as-of date " + asOf;
                OptionalLong line = history.lineOf(name, last.getKey());
                throw line.isPresent() ? new RiskInputException(file, line.getAsLong(), problem)
                        : new RiskInputException(file, problem);
            }
            spots[a] = last.getValue();
            series.add(upToAsOf);
            if (common == null) {
                common = new TreeSet<>(upToAsOf.keySet());
            } else {
                common.retainAll(upToAsOf.keySet());
            }
        }
        List<LocalDate> dates = new ArrayList<>(common);
        int t = dates.size() - 1;
        if (t < MIN_RETURNS) {
            // The factor with the fewest closes is the one that limits the shared dates.
            int limiting = 0;
            for (int a = 1; a < n; a++) {
                if (series.get(a).size() < series.get(limiting).size()) {
                    limiting = a;
                }
            }
            throw new RiskInputException(file, "factor " + names.get(limiting) + " has " + Math.max(t, 0)
                    + (t == 1 ? " daily return" : " daily returns") + " on dates all factors share up to " + asOf
                    + "; at least " + MIN_RETURNS
                    + " are needed");
        }
        // returns[k][a]: the return of factor a between dates k and k+1, so returns[T-1] is the newest.
        double[][] returns = new double[t][n];
        for (int k = 0; k < t; k++) {
            for (int a = 0; a < n; a++) {
                NavigableMap<LocalDate, Double> closes = series.get(a);
                returns[k][a] = Math.log(closes.get(dates.get(k + 1)) / closes.get(dates.get(k)));
            }
        }
        double[][] covariance = covariance(returns);
        List<RiskFactor> factors = new ArrayList<>(n);
        double[][] correlation = new double[n][n];
        for (int a = 0; a < n; a++) {
            factors.add(new RiskFactor(names.get(a), spots[a], Math.sqrt(TRADING_DAYS * covariance[a][a]), rate));
            correlation[a][a] = 1.0;
            for (int b = 0; b < a; b++) {
                double denominator = Math.sqrt(covariance[a][a] * covariance[b][b]);
                double c = denominator > 0.0 ? covariance[a][b] / denominator : 0.0;
                c = Math.max(-1.0, Math.min(1.0, c));
                correlation[a][b] = c;
                correlation[b][a] = c;
            }
        }
        return new MarketSnapshot(factors, correlation);
    }

    /**
     * The EWMA covariance of zero-mean returns, oldest first ({@code returns[k]} is {@code r_{k+1}}):
     * {@code sum_{i=0}^{T-1} w_i r_{T-i} r_{T-i}^T}, {@code w_i = (1-lambda) lambda^i / (1 - lambda^T)}.
     */
    public double[][] covariance(double[][] returns) {
        int t = returns.length;
        if (t == 0) {
            throw new IllegalArgumentException("no returns");
        }
        int n = returns[0].length;
        double normaliser = 1.0 - Math.pow(lambda, t);
        double[][] covariance = new double[n][n];
        for (int i = 0; i < t; i++) {
            double w = (1.0 - lambda) * Math.pow(lambda, i) / normaliser;
            double[] r = returns[t - 1 - i];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b <= a; b++) {
                    covariance[a][b] += w * r[a] * r[b];
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                covariance[b][a] = covariance[a][b];
            }
        }
        return covariance;
    }
}
