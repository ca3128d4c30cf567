package com.nightshift.risk.var;

/**
 * Revalues the book in blocks of scenarios: draws, correlates, moves every factor once, and adds up
 * each portfolio's P&amp;L. Data are laid out per factor across a block's scenarios
 * ({@code [f * BLOCK + b]}), so the inner loops run over contiguous scenarios and the JIT can
 * vectorise them; nothing is allocated per scenario. Every scenario goes through the same operations
 * in the same order whatever its place in a block, so its loss does not depend on how a run is cut.
 *
 * <p>Not thread-safe: one kernel per thread (it owns its buffers and its {@link ScenarioSampler}).
 */
final class ScenarioKernel {

    static final int BLOCK = 256;

    private final BookModel model;
    private final ScenarioSampler sampler;
    private final boolean lognormal;
    private final int n;
    private final int portfolioCount;
    private final double[] z;
    private final double[] x;
    private final double[] move;
    private final double[] pnl;
    private final double[] weights = new double[BLOCK];
    private final int[] cell = new int[BLOCK];
    private final double[] basis = new double[4 * BLOCK];

    ScenarioKernel(BookModel model, ScenarioSampler sampler) {
        this.model = model;
        this.sampler = sampler;
        this.lognormal = model.settings.returns() == ReturnModel.LOGNORMAL;
        this.n = model.factorCount;
        this.portfolioCount = model.portfolios.length;
        z = new double[n * BLOCK];
        x = new double[n * BLOCK];
        move = new double[BLOCK];
        pnl = new double[portfolioCount * BLOCK];
    }

    /**
     * Simulates scenarios {@code [from, to)}: portfolio {@code p}'s loss goes to
     * {@code losses[p][offset + j - from]}, the book's to {@code losses[portfolioCount][...]}, and the
     * likelihood ratio (importance sampling only) to {@code weights[...]} when it is not null.
     */
    void simulate(int from, int to, double[][] losses, double[] scenarioWeights, int offset) {
        for (int start = from; start < to; start += BLOCK) {
            int count = Math.min(BLOCK, to - start);
            simulateBlock(start, count);
            int at = offset + start - from;
            double[] book = losses[portfolioCount];
            for (int b = 0; b < count; b++) {
                book[at + b] = 0.0;
            }
            for (int p = 0; p < portfolioCount; p++) {
                double[] target = losses[p];
                int row = p * BLOCK;
                for (int b = 0; b < count; b++) {
                    double value = pnl[row + b];
                    // 0.0 - pnl rather than -pnl, so a zero P&L is a loss of +0.0, not -0.0.
                    target[at + b] = 0.0 - value;
                    book[at + b] += value;
                }
            }
            for (int b = 0; b < count; b++) {
                book[at + b] = 0.0 - book[at + b];
            }
            if (scenarioWeights != null) {
                System.arraycopy(weights, 0, scenarioWeights, at, count);
            }
        }
    }

    private void simulateBlock(int first, int count) {
        sampler.fill(first, count, z, BLOCK, weights);
        double[] lower = model.lower;
        // x = L z, factor by factor, summing over d in index order for every scenario.
        for (int f = 0; f < n; f++) {
            int row = f * BLOCK;
            for (int b = 0; b < count; b++) {
                x[row + b] = 0.0;
            }
            for (int d = 0; d <= f; d++) {
                double c = lower[f * n + d];
                if (c == 0.0) {
                    continue;
                }
                int zrow = d * BLOCK;
                for (int b = 0; b < count; b++) {
                    x[row + b] += c * z[zrow + b];
                }
            }
        }
        java.util.Arrays.fill(pnl, 0, portfolioCount * BLOCK, 0.0);
        for (int f = 0; f < n; f++) {
            int row = f * BLOCK;
            double half = model.halfVariance[f];
            // move = S1/S0 - 1, and x becomes the move variable the grids are laid on.
            if (lognormal) {
                for (int b = 0; b < count; b++) {
                    double m = x[row + b] - half;
                    x[row + b] = m;
                    move[b] = StrictMath.expm1(m);
                }
            } else {
                System.arraycopy(x, row, move, 0, count);
            }
            for (int p = 0; p < portfolioCount; p++) {
                double value = model.linearValue[p * n + f];
                if (value != 0.0) {
                    int prow = p * BLOCK;
                    for (int b = 0; b < count; b++) {
                        pnl[prow + b] += value * move[b];
                    }
                }
            }
            BookModel.InstrumentGroup[] groups = model.groups[f];
            if (groups.length > 0) {
                revalue(f, groups, row, count);
            }
        }
    }

    private void revalue(int f, BookModel.InstrumentGroup[] groups, int row, int count) {
        boolean gridReady = false;
        for (BookModel.InstrumentGroup group : groups) {
            int prow = group.portfolio * BLOCK;
            double base = group.baseValue;
            double[] table = group.table;
            if (table == null) {
                for (int b = 0; b < count; b++) {
                    pnl[prow + b] += group.exactValue(model.level(f, move[b])) - base;
                }
                continue;
            }
            if (!gridReady) {
                // Every group on a factor shares its grid: the cell and Hermite basis are worked out once.
                locate(group, row, count);
                gridReady = true;
            }
            for (int b = 0; b < count; b++) {
                int k = cell[b];
                double value;
                if (k >= 0) {
                    int at = 2 * k;
                    value = basis[b] * table[at] + basis[BLOCK + b] * table[at + 1]
                            + basis[2 * BLOCK + b] * table[at + 2] + basis[3 * BLOCK + b] * table[at + 3];
                } else {
                    value = group.exactValue(model.level(f, move[b]));
                }
                pnl[prow + b] += value - base;
            }
        }
    }

    private void locate(BookModel.InstrumentGroup group, int row, int count) {
        double start = group.gridStart;
        double inverse = group.inverseStep;
        int last = BookModel.GRID_NODES - 1;
        for (int b = 0; b < count; b++) {
            double t = (x[row + b] - start) * inverse;
            if (!(t >= 0.0 && t < last)) {
                cell[b] = -1;
                continue;
            }
            int k = (int) t;
            double u = t - k;
            double v = 1.0 - u;
            cell[b] = k;
            basis[b] = (1.0 + 2.0 * u) * v * v;
            basis[BLOCK + b] = u * v * v;
            basis[2 * BLOCK + b] = u * u * (3.0 - 2.0 * u);
            basis[3 * BLOCK + b] = -u * u * v;
        }
    }
}
