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
    private final double[] place = new double[BLOCK];

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
        correlate(count);
        java.util.Arrays.fill(pnl, 0, portfolioCount * BLOCK, 0.0);
        for (int f = 0; f < n; f++) {
            int row = f * BLOCK;
            double half = model.halfVariance[f];
            // x becomes the move variable the grids are laid on, and move = S1/S0 - 1 where it is needed.
            if (lognormal) {
                if (model.needsMove[f]) {
                    for (int b = 0; b < count; b++) {
                        double m = x[row + b] - half;
                        x[row + b] = m;
                        move[b] = StrictMath.expm1(m);
                    }
                } else {
                    for (int b = 0; b < count; b++) {
                        x[row + b] = x[row + b] - half;
                    }
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
            if (model.gridTable[f] != null) {
                interpolate(f, row, count);
            }
            for (BookModel.InstrumentGroup group : model.exactGroups[f]) {
                int prow = group.portfolio * BLOCK;
                double base = group.baseValue;
                for (int b = 0; b < count; b++) {
                    pnl[prow + b] += group.exactValue(model.level(f, move[b])) - base;
                }
            }
        }
    }

    /**
     * {@code x = L z}, row by row. Each scenario's {@code x_f} is {@code 0 + L_f0 z_0 + L_f1 z_1 + ...}
     * added in index order; the terms are taken eight at a time, {@code x + a + b + ...} being evaluated
     * left to right, so a row of {@code x} is loaded and stored once per eight columns of {@code L}
     * rather than once per column. (Zero entries of {@code L} add a zero, which leaves a sum of finite
     * terms unchanged.)
     */
    private void correlate(int count) {
        double[] lower = model.lower;
        double[] z = this.z;
        double[] x = this.x;
        for (int f = 0; f < n; f++) {
            int row = f * BLOCK;
            int at = f * n;
            java.util.Arrays.fill(x, row, row + count, 0.0);
            int d = 0;
            for (; d + 8 <= f + 1; d += 8) {
                double c0 = lower[at + d];
                double c1 = lower[at + d + 1];
                double c2 = lower[at + d + 2];
                double c3 = lower[at + d + 3];
                double c4 = lower[at + d + 4];
                double c5 = lower[at + d + 5];
                double c6 = lower[at + d + 6];
                double c7 = lower[at + d + 7];
                int z0 = d * BLOCK;
                for (int b = 0; b < count; b++) {
                    x[row + b] = x[row + b] + c0 * z[z0 + b] + c1 * z[z0 + BLOCK + b] + c2 * z[z0 + 2 * BLOCK + b]
                            + c3 * z[z0 + 3 * BLOCK + b] + c4 * z[z0 + 4 * BLOCK + b] + c5 * z[z0 + 5 * BLOCK + b]
                            + c6 * z[z0 + 6 * BLOCK + b] + c7 * z[z0 + 7 * BLOCK + b];
                }
            }
            for (; d + 2 <= f + 1; d += 2) {
                double c0 = lower[at + d];
                double c1 = lower[at + d + 1];
                int z0 = d * BLOCK;
                for (int b = 0; b < count; b++) {
                    x[row + b] = x[row + b] + c0 * z[z0 + b] + c1 * z[z0 + BLOCK + b];
                }
            }
            for (; d <= f; d++) {
                double c = lower[at + d];
                int z0 = d * BLOCK;
                for (int b = 0; b < count; b++) {
                    x[row + b] += c * z[z0 + b];
                }
            }
        }
    }

    /**
     * Adds the value change of factor {@code f}'s tabulated groups: one cell and place in it per
     * scenario, then every group's change from the {@code 4 G} consecutive coefficients of that cell.
     */
    private void interpolate(int f, int row, int count) {
        double[] table = model.gridTable[f];
        int[] portfolioOf = model.gridPortfolio[f];
        double[] base = model.gridBase[f];
        int groups = portfolioOf.length;
        locate(f, row, count);
        for (int b = 0; b < count; b++) {
            int k = cell[b];
            if (k >= 0) {
                double u = place[b];
                int at = 4 * groups * k;
                for (int g = 0; g < groups; g++) {
                    pnl[portfolioOf[g] * BLOCK + b] += table[at + g] + u * (table[at + groups + g]
                            + u * (table[at + 2 * groups + g] + u * table[at + 3 * groups + g]));
                }
            } else {
                double m = x[row + b];
                double level = model.level(f, lognormal ? StrictMath.expm1(m) : m);
                // Beyond the grid: every group priced by its formulas, linear holdings at the level.
                BookModel.InstrumentGroup[] tabulated = model.gridGroups[f];
                double[] units = model.gridLinearUnits[f];
                for (int g = 0; g < groups; g++) {
                    double value = (tabulated[g] == null ? 0.0 : tabulated[g].exactValue(level)) + units[g] * level;
                    pnl[portfolioOf[g] * BLOCK + b] += value - base[g];
                }
            }
        }
    }

    private void locate(int f, int row, int count) {
        double start = model.gridStart[f];
        double inverse = model.gridInverseStep[f];
        int last = BookModel.GRID_NODES - 1;
        for (int b = 0; b < count; b++) {
            double t = (x[row + b] - start) * inverse;
            if (!(t >= 0.0 && t < last)) {
                cell[b] = -1;
                continue;
            }
            int k = (int) t;
            cell[b] = k;
            place[b] = t - k;
        }
    }
}
