package com.nightshift.risk.engine;

import com.nightshift.risk.math.CholeskyDecomposition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Monte Carlo Value-at-Risk and Expected Shortfall of equity portfolios under a multivariate normal
 * model of log returns.
 *
 * <h2>Method</h2>
 * <ol>
 *   <li>Align the price histories of the portfolio's instruments on the dates that all of them
 *       have, and take the daily log returns {@code ln(close[t] / close[t-1])} between consecutive
 *       common dates. At least {@link VarParameters#minimumReturns()} returns are required; an
 *       instrument without a history or with too short a history is named in the error.</li>
 *   <li>Estimate the sample covariance matrix of the daily log returns (about their sample mean,
 *       denominator {@code T-1}), scale it by the horizon in days to the horizon covariance
 *       {@code Σ}, and take its Cholesky factor {@code L} (see {@link CholeskyDecomposition} for
 *       semi-definite matrices).</li>
 *   <li>Value each holding at its close on the last common date: {@code value_i = quantity_i * close_i}.</li>
 *   <li>For each scenario draw independent standard normals {@code z} and set {@code r = L z}: the
 *       simulated returns have zero mean. The sample mean of the look-back window is not used as a
 *       drift: over a one-day horizon the norm is zero drift, and a year that happened to rise would
 *       otherwise lower the VaR. Each instrument's price moves by {@code exp(r_i - s_i²/2)}, where
 *       {@code s_i² = Σ_ii} is its horizon variance, so that the expected price change is zero
 *       ({@code E[exp(r_i - s_i²/2)] = 1}). Then {@code P&L = Σ value_i (exp(r_i - s_i²/2) - 1)}
 *       (evaluated with {@code expm1}) and {@code loss = -P&L}.</li>
 * </ol>
 *
 * <h2>Quantile convention</h2>
 * With the {@code S} scenario losses sorted ascending, {@code L(1) <= ... <= L(S)}, and
 * {@code k = ceil(c * S)} (computed exactly on the decimal value of the confidence {@code c}, so
 * 0.99 × 1000 is 990, not 991):
 * <ul>
 *   <li>{@code VaR = L(k)}: the smallest simulated loss such that at least a fraction {@code c} of
 *       scenarios lose no more (the lower empirical quantile of the loss; equivalently minus the
 *       {@code (S-k+1)}-th worst P&amp;L). For {@code S = 1000, c = 0.99} it is the 11th largest loss.</li>
 *   <li>{@code ES = mean(L(k), ..., L(S))}: the mean of the {@code S-k+1} largest losses, the VaR
 *       scenario included. It is computed as {@code VaR + mean(L(i) - VaR)}, so {@code ES >= VaR}
 *       holds exactly in floating point.</li>
 * </ul>
 *
 * <h2>Monte Carlo error</h2>
 * Every result carries the standard errors of its VaR and ES due to sampling (not model error),
 * from the sorted losses of the run itself:
 * <ul>
 *   <li>VaR: the distribution-free order-statistic confidence interval. The number of scenario
 *       losses at or below the true quantile is binomial {@code (S, c)}, so the ranks
 *       {@code k ± d}, {@code d = ceil(1.96 sqrt(S c (1-c)))} (clamped to {@code [1, S]}), bracket
 *       the quantile with about 95% probability; the standard error is that interval's width divided
 *       by {@code 2 × 1.96}, i.e. {@code (L(k+d) - L(k-d)) / 3.92}. It needs no density estimate and
 *       is asymptotically {@code sqrt(c(1-c)/S) / f(VaR)}.</li>
 *   <li>ES: the standard error of the tail mean with the VaR itself estimated (Manistre and
 *       Hancock, "Variance of the CTE estimator", 2005):
 *       {@code sqrt((V + c (ES - VaR)²) / m)}, where {@code m = S-k+1} is the number of tail
 *       scenarios and {@code V} the sample variance (denominator {@code m-1}) of the tail losses.</li>
 * </ul>
 * Both shrink as {@code 1/sqrt(S)}. With a single tail scenario the ES error is reported as 0.
 *
 * <h2>Reproducibility</h2>
 * Scenario {@code j} draws its normals from its own {@link SplittableRandom}, seeded with the
 * SplitMix64 output {@code mix64(seed + (j + 1) * 0x9E3779B97F4A7C15L)}, and turns uniforms into
 * normals by the Box–Muller transform. Transcendental functions are {@link StrictMath}'s and every
 * sum runs in a fixed order. A scenario's loss therefore depends only on the inputs, the seed and
 * its index: not on the thread count, nor on how the run is split into {@link ScenarioShard}s, and
 * not on the platform. The same inputs and seed give the same result to the bit.
 *
 * <h2>Distributed runs</h2>
 * {@link #calibrate} once per worker, {@link #simulate} one shard per worker, then {@link #merge}
 * the shards' {@link ScenarioLosses}: the result equals {@link #run} exactly.
 *
 * <p>Instances are immutable and thread-safe; each call that simulates uses at most the configured
 * number of threads, which it starts and stops itself.
 */
public final class MonteCarloVarEngine {

    // Scenarios per unit of parallel work: large enough to amortise a task, small enough to balance two cores.
    private static final int BLOCK_SIZE = 4096;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2.0 * Math.PI;
    // Standard normal quantile at 0.975: the order-statistic interval of the VaR covers about 95%.
    private static final double Z_975 = 1.959963984540054;

    private final int parallelism;

    private MonteCarloVarEngine(int parallelism) {
        this.parallelism = parallelism;
    }

    /** An engine that simulates on the calling thread. */
    public static MonteCarloVarEngine sequential() {
        return new MonteCarloVarEngine(1);
    }

    /**
     * An engine that simulates on up to {@code threads} threads. Results do not depend on the count.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static MonteCarloVarEngine withParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count " + threads + " is not at least 1");
        }
        return new MonteCarloVarEngine(threads);
    }

    /** The most threads one simulation uses. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Calibrates, simulates every scenario and summarises: a whole run in one call.
     *
     * @throws IllegalArgumentException if an instrument has no price history or too few returns
     */
    public RiskResult run(Portfolio portfolio, MarketData marketData, VarParameters parameters) {
        RiskModel model = calibrate(portfolio, marketData, parameters);
        return merge(model, List.of(simulate(model, ScenarioShard.whole())));
    }

    /**
     * Estimates the return model of the portfolio's instruments and values its holdings.
     *
     * @throws IllegalArgumentException if an instrument has no price history, if an instrument or the
     *                                  dates common to all instruments give fewer returns than
     *                                  {@link VarParameters#minimumReturns()} (the message names the
     *                                  instrument), or if the covariance is not positive semi-definite
     */
    public RiskModel calibrate(Portfolio portfolio, MarketData marketData, VarParameters parameters) {
        Objects.requireNonNull(portfolio, "portfolio");
        Objects.requireNonNull(marketData, "market data");
        Objects.requireNonNull(parameters, "parameters");
        List<String> instruments = new ArrayList<>(portfolio.holdings().keySet());
        int n = instruments.size();
        int minimum = parameters.minimumReturns();

        List<Map<LocalDate, Double>> closesByDate = new ArrayList<>(n);
        for (String instrument : instruments) {
            PriceHistory history = marketData.history(instrument).orElseThrow(() -> new IllegalArgumentException(
                    "portfolio " + portfolio.id() + ": no price history for instrument " + instrument));
            int returns = history.points().size() - 1;
            if (returns < minimum) {
                throw new IllegalArgumentException("portfolio " + portfolio.id() + ": instrument " + instrument
                        + " has " + returns + " daily returns (closes from " + history.points().get(0).date() + " to "
                        + history.latest().date() + "), at least " + minimum + " required");
            }
            Map<LocalDate, Double> closes = new HashMap<>();
            history.points().forEach(point -> closes.put(point.date(), point.close()));
            closesByDate.add(closes);
        }

        TreeSet<LocalDate> common = new TreeSet<>(closesByDate.get(0).keySet());
        for (Map<LocalDate, Double> closes : closesByDate) {
            common.retainAll(closes.keySet());
        }
        int returnCount = common.size() - 1;
        if (returnCount < minimum) {
            throw new IllegalArgumentException(misalignmentMessage(portfolio, instruments, closesByDate,
                    Math.max(returnCount, 0), minimum));
        }

        List<LocalDate> dates = new ArrayList<>(common);
        double[][] returns = new double[n][returnCount];
        double[] mean = new double[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            Map<LocalDate, Double> closes = closesByDate.get(i);
            double previous = closes.get(dates.get(0));
            double sum = 0.0;
            for (int t = 0; t < returnCount; t++) {
                double close = closes.get(dates.get(t + 1));
                returns[i][t] = StrictMath.log(close / previous);
                sum += returns[i][t];
                previous = close;
            }
            mean[i] = sum / returnCount;
            values[i] = portfolio.holdings().get(instruments.get(i)) * previous;
        }

        int horizon = parameters.horizonDays();
        double[][] covariance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = 0.0;
                for (int t = 0; t < returnCount; t++) {
                    sum += (returns[i][t] - mean[i]) * (returns[j][t] - mean[j]);
                }
                double scaled = sum / (returnCount - 1) * horizon;
                covariance[i][j] = scaled;
                covariance[j][i] = scaled;
            }
        }
        // Zero drift: the simulated log return of instrument i is r_i - s_i²/2, so E[exp(...)] = 1.
        double[] horizonMean = new double[n];
        for (int i = 0; i < n; i++) {
            horizonMean[i] = -0.5 * covariance[i][i];
        }
        CholeskyDecomposition cholesky;
        try {
            cholesky = CholeskyDecomposition.of(covariance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("portfolio " + portfolio.id() + ": covariance of " + instruments
                    + " cannot be factorised: " + e.getMessage(), e);
        }
        return new RiskModel(portfolio, parameters, dates.get(dates.size() - 1), returnCount, instruments, values,
                horizonMean, cholesky);
    }

    /**
     * Simulates the scenarios of one shard of the model's run.
     *
     * @return the losses of scenarios {@code [shard.firstScenario(S), shard.endScenario(S))}
     */
    public ScenarioLosses simulate(RiskModel model, ScenarioShard shard) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(shard, "shard");
        VarParameters parameters = model.parameters();
        int first = shard.firstScenario(parameters.scenarios());
        int end = shard.endScenario(parameters.scenarios());
        double[] losses = new double[end - first];
        int blocks = (losses.length + BLOCK_SIZE - 1) / BLOCK_SIZE;
        if (parallelism == 1 || blocks <= 1) {
            simulateRange(model, first, end, losses, 0);
        } else {
            simulateInParallel(model, first, end, losses, blocks);
        }
        return ScenarioLosses.of(model.portfolio().id(), parameters.seed(), parameters.scenarios(), first, losses);
    }

    /**
     * Combines the losses of shards that together cover every scenario of the model's run exactly
     * once (in any order, from any split) into the run's result.
     *
     * @throws IllegalArgumentException if a shard belongs to another portfolio, seed or scenario count,
     *                                  or the shards leave a gap or overlap
     */
    public RiskResult merge(RiskModel model, Collection<ScenarioLosses> shards) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(shards, "shards");
        VarParameters parameters = model.parameters();
        String portfolioId = model.portfolio().id();
        int scenarios = parameters.scenarios();
        List<ScenarioLosses> ordered = new ArrayList<>(shards);
        ordered.sort(Comparator.comparingInt(ScenarioLosses::firstScenario));
        double[] losses = new double[scenarios];
        int next = 0;
        for (ScenarioLosses shard : ordered) {
            if (!shard.portfolioId().equals(portfolioId) || shard.seed() != parameters.seed()
                    || shard.totalScenarios() != scenarios) {
                throw new IllegalArgumentException("cannot merge " + shard + " into the run of portfolio " + portfolioId
                        + " with seed " + parameters.seed() + " and " + scenarios + " scenarios");
            }
            if (shard.firstScenario() != next) {
                throw new IllegalArgumentException("shards of portfolio " + portfolioId + " "
                        + (shard.firstScenario() < next ? "overlap" : "leave a gap") + " at scenario "
                        + Math.min(next, shard.firstScenario()));
            }
            for (int i = 0; i < shard.size(); i++) {
                losses[next + i] = shard.lossAt(i);
            }
            next = shard.endScenario();
        }
        if (next != scenarios) {
            throw new IllegalArgumentException("shards of portfolio " + portfolioId + " cover scenarios [0, " + next
                    + ") of " + scenarios);
        }
        Arrays.sort(losses);
        int k = varRank(parameters.confidence(), scenarios);
        double valueAtRisk = losses[k - 1];
        double excess = 0.0;
        for (int i = k - 1; i < scenarios; i++) {
            excess += losses[i] - valueAtRisk;
        }
        double expectedShortfall = valueAtRisk + excess / (scenarios - k + 1);
        Portfolio portfolio = model.portfolio();
        return new RiskResult(portfolioId, portfolio.currency(), model.valuationDate(), model.portfolioValue(),
                valueAtRisk, expectedShortfall, varStandardError(losses, parameters.confidence(), k),
                esStandardError(losses, parameters.confidence(), k, valueAtRisk, expectedShortfall),
                parameters.confidence(), parameters.horizonDays(), scenarios,
                parameters.seed(), model.holdingValues(), model.returnsUsed());
    }

    /** {@code ceil(confidence * scenarios)} on the decimal value of the confidence, in {@code [1, scenarios]}. */
    static int varRank(double confidence, int scenarios) {
        int k = new BigDecimal(Double.toString(confidence)).multiply(BigDecimal.valueOf(scenarios))
                .setScale(0, RoundingMode.CEILING).intValueExact();
        return Math.max(1, Math.min(k, scenarios));
    }

    /** {@code (L(k+d) - L(k-d)) / (2 × 1.96)} on the sorted losses; see "Monte Carlo error" above. */
    static double varStandardError(double[] sortedLosses, double confidence, int k) {
        int scenarios = sortedLosses.length;
        int d = (int) Math.ceil(Z_975 * Math.sqrt(scenarios * confidence * (1.0 - confidence)));
        int lower = Math.max(1, k - d);
        int upper = Math.min(scenarios, k + d);
        return (sortedLosses[upper - 1] - sortedLosses[lower - 1]) / (2.0 * Z_975);
    }

    /** {@code sqrt((V + c (ES - VaR)²) / m)} over the {@code m} tail losses; see "Monte Carlo error" above. */
    static double esStandardError(double[] sortedLosses, double confidence, int k, double valueAtRisk,
            double expectedShortfall) {
        int scenarios = sortedLosses.length;
        int m = scenarios - k + 1;
        if (m < 2) {
            return 0.0;
        }
        double squares = 0.0;
        for (int i = k - 1; i < scenarios; i++) {
            double deviation = sortedLosses[i] - expectedShortfall;
            squares += deviation * deviation;
        }
        double tailVariance = squares / (m - 1);
        double gap = expectedShortfall - valueAtRisk;
        return Math.sqrt((tailVariance + confidence * gap * gap) / m);
    }

    private void simulateInParallel(RiskModel model, int first, int end, double[] losses, int blocks) {
        try (ExecutorService threads = Executors.newFixedThreadPool(Math.min(parallelism, blocks))) {
            List<Future<?>> tasks = new ArrayList<>(blocks);
            for (int b = 0; b < blocks; b++) {
                int from = first + b * BLOCK_SIZE;
                int to = Math.min(end, from + BLOCK_SIZE);
                tasks.add(threads.submit(() -> simulateRange(model, from, to, losses, from - first)));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation of portfolio " + model.portfolio().id() + " was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("simulation of portfolio " + model.portfolio().id() + " failed", e.getCause());
        }
    }

    /** Writes the losses of scenarios {@code [from, to)} into {@code losses} starting at {@code offset}. */
    private static void simulateRange(RiskModel model, int from, int to, double[] losses, int offset) {
        double[] values = model.values();
        double[] mean = model.mean();
        CholeskyDecomposition cholesky = model.horizonCholesky();
        long seed = model.parameters().seed();
        int n = values.length;
        double[] z = new double[n];
        double[] r = new double[n];
        for (int scenario = from; scenario < to; scenario++) {
            SplittableRandom random = new SplittableRandom(mix64(seed + (scenario + 1L) * GOLDEN_GAMMA));
            fillStandardNormals(random, z);
            cholesky.correlate(mean, z, r);
            double pnl = 0.0;
            for (int i = 0; i < n; i++) {
                pnl += values[i] * StrictMath.expm1(r[i]);
            }
            // 0.0 - pnl rather than -pnl, so a zero P&L is a loss of +0.0, not -0.0.
            losses[offset + scenario - from] = 0.0 - pnl;
        }
    }

    /** Box–Muller: two uniforms give two independent standard normals. */
    private static void fillStandardNormals(SplittableRandom random, double[] z) {
        for (int i = 0; i < z.length; i += 2) {
            double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the logarithm is finite
            double u2 = random.nextDouble();
            double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double angle = TWO_PI * u2;
            z[i] = radius * StrictMath.cos(angle);
            if (i + 1 < z.length) {
                z[i + 1] = radius * StrictMath.sin(angle);
            }
        }
    }

    /** The SplitMix64 finaliser (Stafford's variant 13), as {@link SplittableRandom} uses. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String misalignmentMessage(Portfolio portfolio, List<String> instruments,
            List<Map<LocalDate, Double>> closesByDate, int returnCount, int minimum) {
        // Blame the instrument that alone lacks the most dates every other instrument has.
        int n = instruments.size();
        Map<LocalDate, Integer> holders = new TreeMap<>();
        for (Map<LocalDate, Double> closes : closesByDate) {
            closes.keySet().forEach(date -> holders.merge(date, 1, Integer::sum));
        }
        String culprit = null;
        int mostMissed = 0;
        for (int i = 0; i < n; i++) {
            Map<LocalDate, Double> closes = closesByDate.get(i);
            int missed = 0;
            for (Map.Entry<LocalDate, Integer> entry : holders.entrySet()) {
                if (entry.getValue() == n - 1 && !closes.containsKey(entry.getKey())) {
                    missed++;
                }
            }
            if (missed > mostMissed) {
                mostMissed = missed;
                culprit = instruments.get(i);
            }
        }
        String base = "portfolio " + portfolio.id() + ": the price histories of " + instruments + " share only "
                + returnCount + " daily returns, at least " + minimum + " required";
        return culprit == null ? base
                : base + "; instrument " + culprit + " lacks closes on " + mostMissed + " dates all the others have";
    }
}
