package com.nightshift.risk.var;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.book.PositionType;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.RiskFactor;

/**
 * The engine against a second implementation of the model, written from its definition and sharing
 * none of the engine's code: its own random numbers (java.util.Random), its own Cholesky factor, its
 * own normal CDF (Abramowitz and Stegun 26.2.17), every position priced in every scenario. Both are
 * Monte Carlo estimates, so they must agree within their combined standard errors, not to the bit.
 */
class IndependentModelTest {

    private static final int NAIVE_SCENARIOS = 400_000;

    @Test
    void theEngineAgreesWithANaiveFullRevaluationOfTheModel_withinFourCombinedStandardErrors() {
        MarketSnapshot market = Books.withYield();
        List<RiskPosition> book = Books.mixedBook();
        VarReport engine = VarEngine.withParallelism(2).run(Books.model(book, market,
                VarSettings.DEFAULTS.withScenarios(100_000).withSeed(99L)));

        Map<String, double[]> naive = naiveLosses(book, market, new Random(20261130L));
        for (Map.Entry<String, double[]> entry : naive.entrySet()) {
            String name = entry.getKey();
            TailMeasures ours = name.equals("BOOK") ? engine.book() : engine.portfolios().get(name);
            double[] sorted = entry.getValue();
            Arrays.sort(sorted);
            double[][] pairs = {
                {ours.var95(), rankLoss(sorted, 0.95), ours.var95StdError()},
                {ours.es95(), tailMean(sorted, 0.95), ours.es95StdError()},
                {ours.var99(), rankLoss(sorted, 0.99), ours.var99StdError()},
                {ours.es99(), tailMean(sorted, 0.99), ours.es99StdError()}};
            for (double[] pair : pairs) {
                // The naive run has four times the scenarios: its error is about half the engine's.
                double combined = pair[2] * Math.sqrt(1.0 + 0.25);
                assertThat(Math.abs(pair[0] - pair[1])).as(name).isLessThan(4.0 * combined);
            }
        }
    }

    private static double rankLoss(double[] sorted, double level) {
        return sorted[(int) Math.ceil(Math.round(level * sorted.length * 1e6) / 1e6) - 1];
    }

    private static double tailMean(double[] sorted, double level) {
        int from = (int) Math.ceil(Math.round(level * sorted.length * 1e6) / 1e6) - 1;
        double sum = 0.0;
        for (int i = from; i < sorted.length; i++) {
            sum += sorted[i];
        }
        return sum / (sorted.length - from);
    }

    /** Losses per portfolio and for the book ("BOOK"), every position revalued in every scenario. */
    private static Map<String, double[]> naiveLosses(List<RiskPosition> positions, MarketSnapshot market,
            Random random) {
        List<RiskFactor> factors = market.factors();
        int n = factors.size();
        double dt = 1.0 / 252;
        double[] s = new double[n];
        for (int f = 0; f < n; f++) {
            s[f] = factors.get(f).vol() * Math.sqrt(dt);
        }
        double[][] c = market.correlation();
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                cov[i][j] = s[i] * c[i][j] * s[j];
            }
        }
        double[][] l = cholesky(cov);
        Map<String, double[]> losses = new TreeMap<>();
        losses.put("BOOK", new double[NAIVE_SCENARIOS]);
        positions.forEach(p -> losses.putIfAbsent(p.portfolio(), new double[NAIVE_SCENARIOS]));
        double[] z = new double[n];
        double[] level = new double[n];
        for (int k = 0; k < NAIVE_SCENARIOS; k++) {
            for (int i = 0; i < n; i++) {
                z[i] = random.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double x = 0.0;
                for (int j = 0; j <= i; j++) {
                    x += l[i][j] * z[j];
                }
                level[i] = factors.get(i).spot() * Math.exp(x - 0.5 * s[i] * s[i]);
            }
            for (RiskPosition p : positions) {
                int f = market.indexOf(p.underlying()).orElseThrow();
                RiskFactor factor = factors.get(f);
                double change = value(p, factor, level[f], p.expiryYears() - dt) - value(p, factor, factor.spot(),
                        p.expiryYears());
                losses.get(p.portfolio())[k] -= p.quantity() * change;
                losses.get("BOOK")[k] -= p.quantity() * change;
            }
        }
        return losses;
    }

    private static double value(RiskPosition p, RiskFactor factor, double level, double years) {
        if (p.type() == PositionType.EQUITY || p.type() == PositionType.FX) {
            return level;
        }
        if (p.type() == PositionType.BOND) {
            return p.strike() * Math.exp(-level * Math.max(years, 0.0));
        }
        double k = p.strike();
        boolean call = p.optionType() == OptionType.CALL;
        if (years <= 0.0) {
            return call ? Math.max(level - k, 0.0) : Math.max(k - level, 0.0);
        }
        double v = factor.vol();
        double r = factor.rate();
        double d1 = (Math.log(level / k) + (r + 0.5 * v * v) * years) / (v * Math.sqrt(years));
        double d2 = d1 - v * Math.sqrt(years);
        double discounted = k * Math.exp(-r * years);
        return call ? level * phi(d1) - discounted * phi(d2) : discounted * phi(-d2) - level * phi(-d1);
    }

    /** The standard normal CDF, Abramowitz and Stegun 26.2.17 (absolute error below 7.5e-8). */
    private static double phi(double x) {
        double t = 1.0 / (1.0 + 0.2316419 * Math.abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.exp(-0.5 * x * x) / Math.sqrt(2.0 * Math.PI) * poly;
        return x >= 0 ? 1.0 - tail : tail;
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(sum) : sum / l[j][j];
            }
        }
        return l;
    }
}
