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
    /** The scenarios of the block in hand beyond the grid of the factor in hand. */
    private final int[] beyond = new int[BLOCK];

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
     * {@code x = L z}. Each scenario's {@code x_f} is {@code 0 + L_f0 z_0 + L_f1 z_1 + ...} added in
     * index order, whatever the blocking below (storing a partial sum and adding on is the same
     * rounding as adding on in a register). Rows are taken four at a time and columns four at a time,
     * so each {@code z} read serves four rows and each {@code x} is loaded and stored once per four
     * columns: the loop is bound by loads, and this halves them under the quick first-tier JIT a short
     * run relies on. (Zero entries of {@code L} add a zero, which leaves a sum of finite terms unchanged.)
     */
    private void correlate(int count) {
        double[] lower = model.lower;
        double[] z = this.z;
        double[] x = this.x;
        int f = 0;
        for (; f + 4 <= n; f += 4) {
            int row = f * BLOCK;
            int at = f * n;
            for (int r = 0; r < 4; r++) {
                java.util.Arrays.fill(x, row + r * BLOCK, row + r * BLOCK + count, 0.0);
            }
            int d = 0;
            for (; d + 4 <= f + 1; d += 4) {
                double a0 = lower[at + d];
                double a1 = lower[at + d + 1];
                double a2 = lower[at + d + 2];
                double a3 = lower[at + d + 3];
                double b0 = lower[at + n + d];
                double b1 = lower[at + n + d + 1];
                double b2 = lower[at + n + d + 2];
                double b3 = lower[at + n + d + 3];
                double c0 = lower[at + 2 * n + d];
                double c1 = lower[at + 2 * n + d + 1];
                double c2 = lower[at + 2 * n + d + 2];
                double c3 = lower[at + 2 * n + d + 3];
                double e0 = lower[at + 3 * n + d];
                double e1 = lower[at + 3 * n + d + 1];
                double e2 = lower[at + 3 * n + d + 2];
                double e3 = lower[at + 3 * n + d + 3];
                int z0 = d * BLOCK;
                for (int b = 0; b < count; b++) {
                    double w0 = z[z0 + b];
                    double w1 = z[z0 + BLOCK + b];
                    double w2 = z[z0 + 2 * BLOCK + b];
                    double w3 = z[z0 + 3 * BLOCK + b];
                    x[row + b] = x[row + b] + a0 * w0 + a1 * w1 + a2 * w2 + a3 * w3;
                    x[row + BLOCK + b] = x[row + BLOCK + b] + b0 * w0 + b1 * w1 + b2 * w2 + b3 * w3;
                    x[row + 2 * BLOCK + b] = x[row + 2 * BLOCK + b] + c0 * w0 + c1 * w1 + c2 * w2 + c3 * w3;
                    x[row + 3 * BLOCK + b] = x[row + 3 * BLOCK + b] + e0 * w0 + e1 * w1 + e2 * w2 + e3 * w3;
                }
            }
            for (int r = 0; r < 4; r++) {
                addColumns(row + r * BLOCK, at + r * n, d, f + r, count);
            }
        }
        for (; f < n; f++) {
            java.util.Arrays.fill(x, f * BLOCK, f * BLOCK + count, 0.0);
            addColumns(f * BLOCK, f * n, 0, f, count);
        }
    }

    /** Adds {@code L_fd z_d} for {@code d} from {@code first} to {@code last} to the row of {@code x} at {@code row}. */
    private void addColumns(int row, int at, int first, int last, int count) {
        double[] lower = model.lower;
        double[] z = this.z;
        double[] x = this.x;
        for (int d = first; d <= last; d++) {
            double c = lower[at + d];
            int z0 = d * BLOCK;
            for (int b = 0; b < count; b++) {
                x[row + b] += c * z[z0 + b];
            }
        }
    }

    /**
     * Adds the value change of factor {@code f}'s tabulated groups: one cell and place in it per
     * scenario, then each group's change from the coefficients of that cell. Groups are taken four at a
     * time (then two, then one) over the block's scenarios, so each scenario's cell and place are read
     * once for several groups: under the quick first-tier JIT a short run relies on (no unrolling, no
     * vectorising) that makes the loop about a quarter cheaper than one group at a time. Each portfolio
     * has one group here, so every P&amp;L still receives exactly one addition, whatever the loop order.
     * A scenario beyond the grid reads the table's cell of zeros, adding nothing, and is then revalued by
     * the formulas.
     */
    private void interpolate(int f, int row, int count) {
        double[] table = model.gridTable[f];
        int[] portfolioOf = model.gridPortfolio[f];
        int groups = portfolioOf.length;
        int beyondCount = locate(f, row, count, 4 * groups);
        int[] cell = this.cell;
        double[] place = this.place;
        double[] pnl = this.pnl;
        int g = 0;
        for (; g + 4 <= groups; g += 4) {
            int row0 = portfolioOf[g] * BLOCK;
            int row1 = portfolioOf[g + 1] * BLOCK;
            int row2 = portfolioOf[g + 2] * BLOCK;
            int row3 = portfolioOf[g + 3] * BLOCK;
            for (int b = 0; b < count; b++) {
                int c0 = cell[b] + g;
                int c1 = c0 + groups;
                int c2 = c1 + groups;
                int c3 = c2 + groups;
                double u = place[b];
                pnl[row0 + b] += table[c0] + u * (table[c1] + u * (table[c2] + u * table[c3]));
                pnl[row1 + b] += table[c0 + 1] + u * (table[c1 + 1] + u * (table[c2 + 1] + u * table[c3 + 1]));
                pnl[row2 + b] += table[c0 + 2] + u * (table[c1 + 2] + u * (table[c2 + 2] + u * table[c3 + 2]));
                pnl[row3 + b] += table[c0 + 3] + u * (table[c1 + 3] + u * (table[c2 + 3] + u * table[c3 + 3]));
            }
        }
        if (g + 2 <= groups) {
            int row0 = portfolioOf[g] * BLOCK;
            int row1 = portfolioOf[g + 1] * BLOCK;
            for (int b = 0; b < count; b++) {
                int c0 = cell[b] + g;
                int c1 = c0 + groups;
                int c2 = c1 + groups;
                int c3 = c2 + groups;
                double u = place[b];
                pnl[row0 + b] += table[c0] + u * (table[c1] + u * (table[c2] + u * table[c3]));
                pnl[row1 + b] += table[c0 + 1] + u * (table[c1 + 1] + u * (table[c2 + 1] + u * table[c3 + 1]));
            }
            g += 2;
        }
        if (g < groups) {
            int row0 = portfolioOf[g] * BLOCK;
            for (int b = 0; b < count; b++) {
                int c0 = cell[b] + g;
                double u = place[b];
                pnl[row0 + b] += table[c0] + u * (table[c0 + groups] + u * (table[c0 + 2 * groups]
                        + u * table[c0 + 3 * groups]));
            }
        }
        if (beyondCount > 0) {
            revalueBeyondGrid(f, row, beyondCount);
        }
    }

    /** Scenarios {@code beyond[0 .. beyondCount)} of factor {@code f}: every tabulated group priced by its formulas, linear holdings at the level. */
    private void revalueBeyondGrid(int f, int row, int beyondCount) {
        BookModel.InstrumentGroup[] tabulated = model.gridGroups[f];
        double[] units = model.gridLinearUnits[f];
        double[] base = model.gridBase[f];
        int[] portfolioOf = model.gridPortfolio[f];
        for (int i = 0; i < beyondCount; i++) {
            int b = beyond[i];
            double m = x[row + b];
            double level = model.level(f, lognormal ? StrictMath.expm1(m) : m);
            for (int g = 0; g < portfolioOf.length; g++) {
                double value = (tabulated[g] == null ? 0.0 : tabulated[g].exactValue(level)) + units[g] * level;
                pnl[portfolioOf[g] * BLOCK + b] += value - base[g];
            }
        }
    }

    /**
     * Each scenario's cell of factor {@code f}'s grid (as the offset {@code width × k} of its
     * coefficients) and place in it; a scenario beyond the grid gets the cell of zeros past the last
     * and is listed in {@link #beyond}. Returns how many are.
     */
    private int locate(int f, int row, int count, int width) {
        double start = model.gridStart[f];
        double inverse = model.gridInverseStep[f];
        int last = BookModel.GRID_NODES - 1;
        int beyondCount = 0;
        for (int b = 0; b < count; b++) {
            double t = (x[row + b] - start) * inverse;
            if (!(t >= 0.0 && t < last)) {
                cell[b] = width * last;
                place[b] = 0.0;
                beyond[beyondCount++] = b;
                continue;
            }
            int k = (int) t;
            cell[b] = width * k;
            place[b] = t - k;
        }
        return beyondCount;
    }
}
