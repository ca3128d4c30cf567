package com.nightshift.risk.var;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Monte Carlo VaR and Expected Shortfall by full revaluation of a {@link BookModel}.
 *
 * <p>Per scenario: standard normals {@code z} ({@link SamplingMethod}), correlated daily factor
 * moves {@code x = L z}, factor levels {@code S1 = S0 exp(x − s²/2)} (zero drift; or
 * {@code S0 (1 + x)} under normal returns), every position revalued at the horizon (options at
 * {@code T − dt} with vol and rate unshocked, paying their intrinsic value when they expire within
 * it; zero-coupon bonds at {@code T − dt} off the moved yield), and the loss
 * {@code −Σ (V1 − V0)} per portfolio and for the book. {@link TailEstimator} turns the losses into
 * VaR, ES, their standard errors and the portfolios' Euler contributions.
 *
 * <h2>Reproducibility</h2>
 * A scenario's loss depends only on the book, the settings and its index (see
 * {@link ScenarioSampler}); sums run in a fixed order and transcendental functions are
 * {@link StrictMath}'s. So the same inputs, seed and method give the same numbers to the bit,
 * whatever the thread count and however the run is cut into {@link ScenarioShard}s: {@link #run}
 * equals {@link #merge} of {@link #simulate} over any split.
 *
 * <p>Instances are immutable and thread-safe; a call that simulates uses at most the configured
 * number of threads, which it starts and stops itself.
 */
public final class VarEngine {

    /** Scenarios per unit of parallel work: enough to amortise a task, few enough to balance the threads. */
    private static final int CHUNK = 8 * ScenarioKernel.BLOCK;
    /** Importance sampling shifts the draws this far (the 99% normal quantile) towards the loss tail. */
    private static final double SHIFT_LENGTH = 2.3263478740408408;

    private final int parallelism;

    private VarEngine(int parallelism) {
        this.parallelism = parallelism;
    }

    /** An engine that simulates on the calling thread. */
    public static VarEngine sequential() {
        return new VarEngine(1);
    }

    /**
     * An engine that simulates on up to {@code threads} threads; results do not depend on the count.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static VarEngine withParallelism(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("thread count " + threads + " is not at least 1");
        }
        return new VarEngine(threads);
    }

    /** The most threads one simulation uses. */
    public int parallelism() {
        return parallelism;
    }

    /** Simulates every scenario of the model's run and summarises it. */
    public VarReport run(BookModel model) {
        return merge(model, List.of(simulate(model, new ScenarioShard(0, model.settings.scenarios()))));
    }

    /**
     * Simulates the scenarios of one shard.
     *
     * @throws IllegalArgumentException if the shard reaches past the run's scenario count
     */
    public ShardLosses simulate(BookModel model, ScenarioShard shard) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(shard, "shard");
        VarSettings settings = model.settings;
        if (shard.end() > settings.scenarios()) {
            throw new IllegalArgumentException("shard [" + shard.first() + ", " + shard.end() + ") reaches past the "
                    + settings.scenarios() + " scenarios of the run");
        }
        if (settings.method() == SamplingMethod.SOBOL && model.factorCount > 1000) {
            throw new IllegalArgumentException("Sobol sampling supports at most 1000 factors; the market has "
                    + model.factorCount);
        }
        long started = System.nanoTime();
        int size = shard.size();
        double[][] losses = new double[model.portfolios.length + 1][size];
        double[] weights = settings.method() == SamplingMethod.IMPORTANCE ? new double[size] : null;
        double[] shift = importanceShift(model);
        int chunks = (size + CHUNK - 1) / CHUNK;
        int threads = Math.min(parallelism, chunks);
        if (threads <= 1) {
            kernel(model, shift).simulate(shard.first(), shard.end(), losses, weights, 0);
        } else {
            AtomicInteger next = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                List<Future<?>> tasks = new ArrayList<>(threads);
                for (int t = 0; t < threads; t++) {
                    tasks.add(pool.submit(() -> {
                        ScenarioKernel kernel = kernel(model, shift);
                        for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                            int from = shard.first() + c * CHUNK;
                            int to = Math.min(shard.end(), from + CHUNK);
                            kernel.simulate(from, to, losses, weights, from - shard.first());
                        }
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("simulation was interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("simulation failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return new ShardLosses(shard, losses, weights, System.nanoTime() - started);
    }

    /**
     * Combines shards that together cover every scenario of the model's run exactly once (in any
     * order, from any split) into the run's report.
     *
     * @throws IllegalArgumentException if the shards leave a gap, overlap, or do not fit the model
     */
    public VarReport merge(BookModel model, Collection<ShardLosses> shards) {
        Objects.requireNonNull(model, "model");
        VarSettings settings = model.settings;
        int n = settings.scenarios();
        int portfolios = model.portfolios.length;
        List<ShardLosses> ordered = new ArrayList<>(shards);
        ordered.sort((a, b) -> Integer.compare(a.shard().first(), b.shard().first()));
        boolean weighted = settings.method() == SamplingMethod.IMPORTANCE;
        int next = 0;
        long simulateNanos = 0;
        for (ShardLosses shard : ordered) {
            if (shard.portfolioCount() != portfolios || (shard.weights() != null) != weighted) {
                throw new IllegalArgumentException("shard [" + shard.shard().first() + ", " + shard.shard().end()
                        + ") does not belong to this run (" + shard.portfolioCount() + " portfolios, not " + portfolios
                        + ")");
            }
            if (shard.shard().first() != next) {
                throw new IllegalArgumentException("shards " + (shard.shard().first() < next ? "overlap" : "leave a gap")
                        + " at scenario " + Math.min(next, shard.shard().first()));
            }
            if (shard.shard().end() > n) {
                throw new IllegalArgumentException("shard [" + shard.shard().first() + ", " + shard.shard().end()
                        + ") reaches past the " + n + " scenarios of the run");
            }
            next = shard.shard().end();
            simulateNanos += shard.simulateNanos();
        }
        if (next != n) {
            throw new IllegalArgumentException("shards cover scenarios [0, " + next + ") of " + n);
        }
        // One shard of the whole run (a run in one process) is used as it is: the estimates only read it.
        double[][] run;
        double[] runWeights;
        if (ordered.size() == 1) {
            run = ordered.getFirst().losses();
            runWeights = ordered.getFirst().weights();
        } else {
            run = new double[portfolios + 1][n];
            runWeights = weighted ? new double[n] : null;
            for (ShardLosses shard : ordered) {
                int at = shard.shard().first();
                for (int p = 0; p <= portfolios; p++) {
                    System.arraycopy(shard.losses()[p], 0, run[p], at, shard.shard().size());
                }
                if (weighted) {
                    System.arraycopy(shard.weights(), 0, runWeights, at, shard.shard().size());
                }
            }
        }
        long started = System.nanoTime();
        // Each portfolio's measures, the book's and its histogram are independent of each other: computed in parallel.
        double bookValue = 0.0;
        for (double v : model.portfolioValue) {
            bookValue += v;
        }
        double value = bookValue;
        TailMeasures[] measures = new TailMeasures[portfolios + 1];
        int[][] orders = new int[portfolios + 1][];
        PnlHistogram[] histogram = new PnlHistogram[1];
        inParallel(portfolios + 2, i -> {
            if (i == portfolios + 1) {
                histogram[0] = TailEstimator.histogram(run[portfolios], runWeights);
                return;
            }
            int p = i == 0 ? portfolios : i - 1; // the book, the largest task, first
            // Unweighted measures need only the sorted losses; weighted ones, and the book's Euler
            // components, the scenarios' order.
            int[] order = weighted ? TailEstimator.ascending(run[p], 0, n)
                    : p == portfolios ? TailEstimator.upperAscending(run[p]) : null;
            orders[p] = order;
            measures[p] = TailEstimator.measures(p == portfolios ? value : model.portfolioValue[p], run[p],
                    runWeights, order, settings.method(), settings.replications(), settings.horizonDays());
        });
        Map<String, TailMeasures> byPortfolio = new LinkedHashMap<>();
        for (int p = 0; p < portfolios; p++) {
            byPortfolio.put(model.portfolios[p], measures[p]);
        }
        TailMeasures book = measures[portfolios];
        int[] bookOrder = orders[portfolios];
        double[][] contributions = TailEstimator.components(run, runWeights, bookOrder);
        Map<String, ComponentRisk> components = new LinkedHashMap<>();
        for (int p = 0; p < portfolios; p++) {
            double[] c = contributions[p];
            components.put(model.portfolios[p], new ComponentRisk(c[0], c[1], c[2], c[3]));
        }
        VarTimings timings = new VarTimings(model.compileNanos / 1_000_000, simulateNanos / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
        return new VarReport(n, settings.seed(), settings.method().id(), settings.horizonDays(),
                settings.returns().id(), settings.revaluation().id(), settings.replications(), model.manifest.businessDate(),
                book, byPortfolio, components, histogram[0], timings, model.manifest);
    }

    /** Runs {@code task} for {@code 0 .. count-1} on up to {@link #parallelism} threads. */
    private void inParallel(int count, java.util.function.IntConsumer task) {
        int threads = Math.min(parallelism, count);
        if (threads <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> tasks = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                tasks.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.accept(i);
                    }
                }));
            }
            for (Future<?> future : tasks) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("summarising was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("summarising failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static ScenarioKernel kernel(BookModel model, double[] shift) {
        VarSettings settings = model.settings;
        return new ScenarioKernel(model, new ScenarioSampler(settings.method(), settings.seed(), model.factorCount,
                settings.scenarios(), settings.replications(), shift));
    }

    /**
     * Importance sampling's shift of {@code z}: {@link #SHIFT_LENGTH} along the direction in which the
     * book's first-order loss {@code −Σ_f G_f (L z)_f} grows fastest ({@code G} the value gradient);
     * zero for the other methods, or when the book has no first-order exposure.
     */
    static double[] importanceShift(BookModel model) {
        int n = model.factorCount;
        double[] shift = new double[n];
        if (model.settings.method() != SamplingMethod.IMPORTANCE) {
            return shift;
        }
        double norm = 0.0;
        for (int d = 0; d < n; d++) {
            double sum = 0.0;
            for (int f = d; f < n; f++) {
                sum += model.valueGradient[f] * model.lower[f * n + d];
            }
            shift[d] = -sum;
            norm += sum * sum;
        }
        norm = Math.sqrt(norm);
        for (int d = 0; d < n; d++) {
            shift[d] = norm > 0.0 ? SHIFT_LENGTH * shift[d] / norm : 0.0;
        }
        return shift;
    }
}
