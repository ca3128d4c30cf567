package com.nightshift.risk.var;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.IntStream;

import com.nightshift.risk.book.OptionType;
import com.nightshift.risk.book.PositionType;
import com.nightshift.risk.book.RiskPosition;
import com.nightshift.risk.market.MarketSnapshot;
import com.nightshift.risk.market.RiskFactor;
import com.nightshift.risk.math.CholeskyDecomposition;
import com.nightshift.risk.pricing.BlackScholes;
import com.nightshift.risk.pricing.ZeroCouponBond;

/**
 * A book of positions compiled against a market for simulation: everything a scenario needs, in
 * flat arrays.
 *
 * <ul>
 *   <li>Factor {@code f} moves by {@code x_f}, normal with daily standard deviation
 *       {@code s_f = vol_f sqrt(dt)}; the moves are correlated by {@code x = L z}, {@code L} the
 *       Cholesky factor of {@code diag(s) C diag(s)}.</li>
 *   <li>Linear positions (equities, foreign currency) are aggregated per portfolio and factor into
 *       one value {@code Σ quantity × spot}: their P&amp;L is that value times the factor's relative
 *       move.</li>
 *   <li>Options and bonds are grouped per portfolio and factor; each group's value at the horizon is
 *       a function of that factor's level alone (vol and rate are not shocked), priced at
 *       {@code T - dt} (see {@link Revaluation}).</li>
 * </ul>
 *
 * <p>Immutable once built; shared read-only by every simulating thread.
 */
public final class BookModel {

    /**
     * Levels at which an interpolated group's value is priced: 256 intervals of 0.07 daily standard
     * deviations. Cubic Hermite interpolation's error falls as the fourth power of the spacing; on
     * generated books of 1,000 and 10,000 positions with options down to 0.05 years, the VaR and ES
     * of every portfolio agree with exact pricing to about 7e-12 relative at this spacing (1e-13 at
     * twice as many nodes, 1e-10 at half as many). Fewer nodes make the grids faster to price and
     * their tables small enough to stay in cache.
     */
    public static final int GRID_NODES = 257;
    /** The grid spans the factor's move ± this many daily standard deviations. */
    public static final double GRID_SDS = 9.0;

    final VarSettings settings;
    final VarManifest manifest;
    final int factorCount;
    final double[] spot;
    final double[] dailySd;
    final double[] halfVariance;
    /** Lower-triangular Cholesky factor of the daily covariance, row-major, full rows ({@code n × n}). */
    final double[] lower;
    final String[] portfolios;
    /**
     * {@code [p * n + f]}: Σ quantity × spot of the portfolio's linear positions on the factor, revalued
     * as {@code value × move}; 0 where they are carried on the factor's grid instead.
     */
    final double[] linearValue;
    /**
     * Per factor, the tabulated groups' interpolants side by side (null when the factor has none): for
     * the cell between nodes {@code k} and {@code k + 1} and the factor's {@code G} tabulated groups,
     * the cubic Hermite interpolant of each group's value change (value minus today's value) in power
     * form, {@code c0 + u (c1 + u (c2 + u c3))} with {@code u} the move's place in the cell, its
     * coefficients {@code cj} at {@code [4 G k + j G + g]}: a cell's {@code 4 G} doubles are read
     * together for every portfolio, and a scenario costs three multiply-adds per group. One more cell,
     * of zeros, follows the last: scenarios beyond the grid read it (adding nothing) before they are
     * revalued by the formulas.
     */
    final double[][] gridTable;
    /** Per factor, the tabulated group of each column, in {@link #gridTable} order; null for a column of linear holdings only. */
    final InstrumentGroup[][] gridGroups;
    /** Per factor, the units of the factor each column holds linearly (Σ quantity), in {@link #gridTable} order. */
    final double[][] gridLinearUnits;
    /**
     * Per factor, whether scenarios need its relative move {@code S1/S0 - 1}: false when all its
     * holdings are on its grid, whose cells are found from the move variable alone.
     */
    final boolean[] needsMove;
    /** Per factor, the portfolio of each tabulated group, in {@link #gridTable} order. */
    final int[][] gridPortfolio;
    /** Per factor, today's value of each column (its group and linear holdings), in {@link #gridTable} order. */
    final double[][] gridBase;
    /** Per factor, the first grid node's move and the inverse of the node spacing (the same for all its groups). */
    final double[] gridStart;
    final double[] gridInverseStep;
    /** Per factor, the groups priced by their formulas in every scenario. */
    final InstrumentGroup[][] exactGroups;
    final double[] portfolioValue;
    final int[] positionCount;
    /** ∂(book value)/∂x_f at x = 0: where importance sampling shifts the draws. */
    final double[] valueGradient;
    /** How long compiling took, grids included. */
    final long compileNanos;

    private BookModel(VarSettings settings, MarketSnapshot market, List<RiskPosition> positions,
            VarManifest manifest) {
        long started = System.nanoTime();
        this.settings = settings;
        this.manifest = manifest;
        double dt = settings.horizonYears();
        List<RiskFactor> factors = market.factors();
        factorCount = factors.size();
        int n = factorCount;
        spot = new double[n];
        dailySd = new double[n];
        halfVariance = new double[n];
        double[] vol = new double[n];
        double[] rate = new double[n];
        for (int f = 0; f < n; f++) {
            RiskFactor factor = factors.get(f);
            spot[f] = factor.spot();
            vol[f] = factor.vol();
            rate[f] = factor.rate();
            dailySd[f] = factor.vol() * Math.sqrt(dt);
            halfVariance[f] = 0.5 * dailySd[f] * dailySd[f];
        }
        double[][] correlation = market.correlation();
        double[][] covariance = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                covariance[i][j] = dailySd[i] * correlation[i][j] * dailySd[j];
            }
        }
        CholeskyDecomposition cholesky;
        try {
            cholesky = CholeskyDecomposition.of(covariance);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the covariance of the factors cannot be factorised: " + e.getMessage(), e);
        }
        lower = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                lower[i * n + j] = cholesky.get(i, j);
            }
        }

        TreeSet<String> names = new TreeSet<>();
        positions.forEach(p -> names.add(p.portfolio()));
        portfolios = names.toArray(String[]::new);
        Map<String, Integer> portfolioIndex = new LinkedHashMap<>();
        for (int p = 0; p < portfolios.length; p++) {
            portfolioIndex.put(portfolios[p], p);
        }
        int portfolioCount = portfolios.length;
        linearValue = new double[portfolioCount * n];
        portfolioValue = new double[portfolioCount];
        positionCount = new int[portfolioCount];
        valueGradient = new double[n];
        // groups keyed by factor then portfolio
        List<Map<Integer, List<RiskPosition>>> nonlinear = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            nonlinear.add(new LinkedHashMap<>());
        }
        for (RiskPosition position : positions) {
            int f = market.indexOf(position.underlying()).orElseThrow(() -> new IllegalArgumentException(
                    "position " + position.positionId() + ": unknown factor " + position.underlying()));
            int p = portfolioIndex.get(position.portfolio());
            positionCount[p]++;
            switch (position.type()) {
                case EQUITY, FX -> {
                    double value = position.quantity() * spot[f];
                    linearValue[p * n + f] += value;
                    portfolioValue[p] += value;
                    valueGradient[f] += value;
                }
                case OPTION, BOND -> nonlinear.get(f).computeIfAbsent(p, k -> new ArrayList<>()).add(position);
                default -> throw new IllegalStateException("unhandled position type " + position.type());
            }
        }
        // Pricing the grids is most of compiling a large book: the groups are built in parallel, each
        // independently of the others, and their values are added up afterwards in a fixed order.
        List<int[]> keys = new ArrayList<>();
        List<List<RiskPosition>> members = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            for (Map.Entry<Integer, List<RiskPosition>> entry : nonlinear.get(f).entrySet()) {
                keys.add(new int[] {f, entry.getKey()});
                members.add(entry.getValue());
            }
        }
        boolean lognormal = settings.returns() == ReturnModel.LOGNORMAL;
        FactorGrid[] grids = new FactorGrid[n];
        for (int f = 0; f < n; f++) {
            if (!nonlinear.get(f).isEmpty()) {
                grids[f] = FactorGrid.of(dailySd[f], halfVariance[f], lognormal);
            }
        }
        InstrumentGroup[] built = new InstrumentGroup[keys.size()];
        IntStream.range(0, built.length).parallel().forEach(t -> {
            int f = keys.get(t)[0];
            built[t] = new InstrumentGroup(keys.get(t)[1], members.get(t), spot[f], vol[f], rate[f], dt, grids[f],
                    settings);
        });
        gridTable = new double[n][];
        gridGroups = new InstrumentGroup[n][];
        gridPortfolio = new int[n][];
        gridBase = new double[n][];
        gridStart = new double[n];
        gridInverseStep = new double[n];
        gridLinearUnits = new double[n][];
        needsMove = new boolean[n];
        exactGroups = new InstrumentGroup[n][];
        // Today's values and gradients summed in a fixed order; then each factor's table, independent of
        // the others', assembled in parallel.
        int[] firstGroup = new int[n + 1];
        for (int f = 0; f < n; f++) {
            firstGroup[f + 1] = firstGroup[f] + nonlinear.get(f).size();
            for (int t = firstGroup[f]; t < firstGroup[f + 1]; t++) {
                portfolioValue[built[t].portfolio] += built[t].baseValue;
                valueGradient[f] += built[t].baseGradient;
            }
        }
        IntStream.range(0, n).parallel().forEach(f -> tabulateFactor(f, grids[f], built, firstGroup, portfolioCount));
        compileNanos = System.nanoTime() - started;
    }

    /** Factor {@code f}'s groups, from {@code built[firstGroup[f]]} on, sorted into its grid and its exact groups. */
    private void tabulateFactor(int f, FactorGrid grid, InstrumentGroup[] built, int[] firstGroup, int portfolioCount) {
        int n = factorCount;
        boolean lognormal = settings.returns() == ReturnModel.LOGNORMAL;
        List<InstrumentGroup> tabulated = new ArrayList<>();
        List<InstrumentGroup> exact = new ArrayList<>();
        for (int t = firstGroup[f]; t < firstGroup[f + 1]; t++) {
            (built[t].table != null ? tabulated : exact).add(built[t]);
        }
        exactGroups[f] = exact.toArray(InstrumentGroup[]::new);
        needsMove[f] = true;
        if (tabulated.isEmpty()) {
            gridGroups[f] = new InstrumentGroup[0];
            gridPortfolio[f] = new int[0];
            gridBase[f] = new double[0];
            gridLinearUnits[f] = new double[0];
            return;
        }
        // A factor with a grid carries its linear positions on the grid too: one column per portfolio
        // holding anything tabulated or linear on it. Its scenarios then need no expm1 and no
        // multiply-add per linear holding, only the cell reads the options cost anyway.
        InstrumentGroup[] byPortfolio = new InstrumentGroup[portfolioCount];
        tabulated.forEach(group -> byPortfolio[group.portfolio] = group);
        List<Integer> columns = new ArrayList<>();
        for (int p = 0; p < portfolioCount; p++) {
            if (byPortfolio[p] != null || linearValue[p * n + f] != 0.0) {
                columns.add(p);
            }
        }
        int count = columns.size();
        double[] ratio = grid.ratios;
        gridGroups[f] = new InstrumentGroup[count];
        gridPortfolio[f] = new int[count];
        gridBase[f] = new double[count];
        gridLinearUnits[f] = new double[count];
        double[] table = new double[4 * count * GRID_NODES]; // GRID_NODES - 1 cells and the cell of zeros
        double[] values = new double[GRID_NODES];
        double[] slopes = new double[GRID_NODES];
        for (int g = 0; g < count; g++) {
            int p = columns.get(g);
            InstrumentGroup group = byPortfolio[p];
            double linear = linearValue[p * n + f];
            linearValue[p * n + f] = 0.0;
            gridGroups[f][g] = group;
            gridPortfolio[f][g] = p;
            gridBase[f][g] = (group == null ? 0.0 : group.baseValue) + linear;
            gridLinearUnits[f][g] = linear / spot[f];
            for (int k = 0; k < GRID_NODES; k++) {
                // The linear holding is worth linear × ratio at node k; its slope in the move, scaled to a cell.
                values[k] = (group == null ? 0.0 : group.table[2 * k]) + linear * ratio[k];
                slopes[k] = (group == null ? 0.0 : group.table[2 * k + 1])
                        + linear * (lognormal ? ratio[k] : 1.0) * grid.step;
            }
            for (int k = 0; k < GRID_NODES - 1; k++) {
                // Hermite data at the cell's ends (values and slopes scaled to the cell) in power form.
                double v0 = values[k];
                double d0 = slopes[k];
                double v1 = values[k + 1];
                double d1 = slopes[k + 1];
                int at = 4 * count * k + g;
                table[at] = v0 - gridBase[f][g];
                table[at + count] = d0;
                table[at + 2 * count] = 3.0 * (v1 - v0) - 2.0 * d0 - d1;
                table[at + 3 * count] = 2.0 * (v0 - v1) + d0 + d1;
            }
        }
        gridTable[f] = table;
        gridStart[f] = grid.start;
        gridInverseStep[f] = grid.inverseStep;
        needsMove[f] = exactGroups[f].length > 0;
    }

    /**
     * Compiles a book; {@code manifest} says what it was read from and goes into the report.
     *
     * @throws IllegalArgumentException if a position names a factor the market lacks, or the
     *                                  factors' covariance is not positive semi-definite
     */
    public static BookModel of(List<RiskPosition> positions, MarketSnapshot market, VarSettings settings,
            VarManifest manifest) {
        Objects.requireNonNull(positions, "positions");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(manifest, "manifest");
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("the book has no positions");
        }
        return new BookModel(settings, market, positions, manifest);
    }

    /** The manifest the run's report will carry. */
    public VarManifest manifest() {
        return manifest;
    }

    /** The settings the book was compiled for. */
    public VarSettings settings() {
        return settings;
    }

    /** The portfolios, sorted by name; losses are indexed in this order. */
    public List<String> portfolios() {
        return List.of(portfolios);
    }

    /** The number of factors. */
    public int factorCount() {
        return factorCount;
    }

    /** Today's value of each portfolio, in {@link #portfolios()} order. */
    public double[] portfolioValues() {
        return portfolioValue.clone();
    }

    /** The positions held by each portfolio, in {@link #portfolios()} order. */
    public int[] positionCounts() {
        return positionCount.clone();
    }

    /** Factor {@code f}'s level in a scenario whose move is {@code m}. */
    double level(int f, double relativeMove) {
        return spot[f] + spot[f] * relativeMove;
    }

    /**
     * A factor's grid of moves, the same for every group on the factor: {@link #GRID_NODES} nodes spanning
     * ±{@link #GRID_SDS} daily standard deviations (centred on the lognormal move's mean), and the factor's
     * ratio {@code S1/S0} at each node, computed once per factor rather than once per group.
     */
    record FactorGrid(double start, double step, double inverseStep, double[] ratios) {

        static FactorGrid of(double dailySd, double halfVariance, boolean lognormal) {
            double start = (lognormal ? -halfVariance : 0.0) - GRID_SDS * dailySd;
            double step = 2.0 * GRID_SDS * dailySd / (GRID_NODES - 1);
            double[] ratios = new double[GRID_NODES];
            for (int k = 0; k < GRID_NODES; k++) {
                double move = start + k * step;
                ratios[k] = lognormal ? StrictMath.exp(move) : 1.0 + move;
            }
            return new FactorGrid(start, step, step > 0.0 ? 1.0 / step : 0.0, ratios);
        }
    }

    /**
     * The options and bonds of one portfolio on one factor: their value today, and their summed value
     * at the horizon as a function of the factor's move, priced exactly or read from a grid.
     */
    static final class InstrumentGroup {
        final int portfolio;
        final int size;
        /** 0 call, 1 put, 2 bond. */
        final byte[] kind;
        final double[] quantity;
        final double[] strike;
        final double[] horizonYears;
        final double vol;
        final double rate;
        final double baseValue;
        final double baseGradient;
        /** Interleaved value and h × slope at each node; null when priced exactly. */
        final double[] table;
        private final FactorGrid grid;
        private final double spot;
        private final boolean lognormal;

        InstrumentGroup(int portfolio, List<RiskPosition> positions, double spot, double vol, double rate, double dt,
                FactorGrid grid, VarSettings settings) {
            this.portfolio = portfolio;
            this.size = positions.size();
            this.spot = spot;
            this.vol = vol;
            this.rate = rate;
            this.lognormal = settings.returns() == ReturnModel.LOGNORMAL;
            kind = new byte[size];
            quantity = new double[size];
            strike = new double[size];
            horizonYears = new double[size];
            double value = 0.0;
            double gradient = 0.0;
            boolean kinked = false;
            for (int i = 0; i < size; i++) {
                RiskPosition position = positions.get(i);
                quantity[i] = position.quantity();
                strike[i] = position.strike();
                double years = position.expiryYears();
                horizonYears[i] = years - dt;
                if (position.type() == PositionType.BOND) {
                    kind[i] = 2;
                    horizonYears[i] = Math.max(0.0, horizonYears[i]);
                    double price = ZeroCouponBond.price(strike[i], spot, years);
                    value += quantity[i] * price;
                    gradient += quantity[i] * -horizonYears[i] * ZeroCouponBond.price(strike[i], spot, horizonYears[i])
                            * spot;
                } else {
                    OptionType type = position.optionType();
                    kind[i] = (byte) (type == OptionType.CALL ? 0 : 1);
                    value += quantity[i] * BlackScholes.price(type, spot, strike[i], rate, vol, years);
                    gradient += quantity[i] * BlackScholes.delta(type, spot, strike[i], rate, vol,
                            Math.max(horizonYears[i], 0.0)) * spot;
                    kinked |= horizonYears[i] <= 0.0;
                }
            }
            baseValue = value;
            baseGradient = gradient;
            this.grid = grid;
            boolean tabulate = settings.revaluation() == Revaluation.INTERPOLATED && !kinked && grid.step > 0.0
                    && (lognormal || 1.0 + grid.start > 0.0);
            table = tabulate ? tabulate() : null;
        }

        private double[] tabulate() {
            double[] ratios = grid.ratios;
            double[] levels = new double[GRID_NODES];
            for (int k = 0; k < GRID_NODES; k++) {
                levels[k] = spot * ratios[k];
            }
            // Instrument by instrument over all nodes (each node's sums still run in instrument order);
            // tabulated levels are positive, so every instrument is priced by its formula.
            double[] sum = new double[GRID_NODES];
            double[] slope = new double[GRID_NODES];
            double[] prices = new double[GRID_NODES];
            double[] deltas = new double[GRID_NODES];
            for (int i = 0; i < size; i++) {
                double q = quantity[i];
                if (kind[i] == 2) {
                    for (int k = 0; k < GRID_NODES; k++) {
                        double price = ZeroCouponBond.price(strike[i], levels[k], horizonYears[i]);
                        prices[k] = price;
                        deltas[k] = -horizonYears[i] * price;
                    }
                } else {
                    BlackScholes.pricesAndDeltas(kind[i] == 0 ? OptionType.CALL : OptionType.PUT, strike[i], rate, vol,
                            horizonYears[i], levels, 0, GRID_NODES, prices, deltas);
                }
                for (int k = 0; k < GRID_NODES; k++) {
                    sum[k] += q * prices[k];
                    slope[k] += q * deltas[k];
                }
            }
            double[] values = new double[2 * GRID_NODES];
            for (int k = 0; k < GRID_NODES; k++) {
                values[2 * k] = sum[k];
                // d(value)/d(move) = d(value)/d(level) × spot × ratio, for either return model's level
                values[2 * k + 1] = slope[k] * spot * (lognormal ? ratios[k] : 1.0) * grid.step;
            }
            return values;
        }

        /** The horizon value of instrument {@code i} (per unit) when its factor is at {@code level}. */
        double price(int i, double level) {
            if (level <= 0.0 && kind[i] != 2) {
                // Only normal returns reach a non-positive price: the call is worthless, the put worth its forward.
                double years = Math.max(horizonYears[i], 0.0);
                return kind[i] == 0 ? 0.0 : strike[i] * StrictMath.exp(-rate * years) - level;
            }
            return switch (kind[i]) {
                case 0 -> BlackScholes.price(OptionType.CALL, level, strike[i], rate, vol, horizonYears[i]);
                case 1 -> BlackScholes.price(OptionType.PUT, level, strike[i], rate, vol, horizonYears[i]);
                default -> ZeroCouponBond.price(strike[i], level, horizonYears[i]);
            };
        }

        private double sensitivity(int i, double level) {
            if (level <= 0.0 && kind[i] != 2) {
                return kind[i] == 0 ? 0.0 : -1.0;
            }
            return switch (kind[i]) {
                case 0 -> BlackScholes.delta(OptionType.CALL, level, strike[i], rate, vol, horizonYears[i]);
                case 1 -> BlackScholes.delta(OptionType.PUT, level, strike[i], rate, vol, horizonYears[i]);
                default -> -horizonYears[i] * ZeroCouponBond.price(strike[i], level, horizonYears[i]);
            };
        }

        /** The group's horizon value at {@code level}, every instrument priced by its formula. */
        double exactValue(double level) {
            double sum = 0.0;
            for (int i = 0; i < size; i++) {
                sum += quantity[i] * price(i, level);
            }
            return sum;
        }
    }
}
