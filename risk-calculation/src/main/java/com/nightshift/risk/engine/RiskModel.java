package com.nightshift.risk.engine;

import com.nightshift.risk.math.CholeskyDecomposition;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A portfolio calibrated on market data: holding values, the mean of the simulated log returns
 * (zero drift: minus half of each horizon variance) and the Cholesky factor of the horizon
 * covariance, ready to simulate scenarios.
 *
 * <p>Immutable and thread-safe. Built only by {@link MonteCarloVarEngine#calibrate}; calibration is
 * deterministic, so every shard of a distributed run can calibrate on the same inputs and obtain
 * the same model. Instruments are in instrument-id order throughout.
 */
public final class RiskModel {

    private final Portfolio portfolio;
    private final VarParameters parameters;
    private final LocalDate valuationDate;
    private final int returnsUsed;
    private final List<String> instruments;
    private final double[] values;
    private final double[] horizonMean;
    private final CholeskyDecomposition horizonCholesky;
    private final double portfolioValue;

    RiskModel(Portfolio portfolio, VarParameters parameters, LocalDate valuationDate, int returnsUsed,
            List<String> instruments, double[] values, double[] horizonMean, CholeskyDecomposition horizonCholesky) {
        this.portfolio = portfolio;
        this.parameters = parameters;
        this.valuationDate = valuationDate;
        this.returnsUsed = returnsUsed;
        this.instruments = List.copyOf(instruments);
        this.values = values.clone();
        this.horizonMean = horizonMean.clone();
        this.horizonCholesky = horizonCholesky;
        double total = 0.0;
        for (double value : values) {
            total += value;
        }
        this.portfolioValue = total;
    }

    /** The portfolio this model was calibrated for. */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** The parameters of the run. */
    public VarParameters parameters() {
        return parameters;
    }

    /** The latest date on which every instrument of the portfolio has a close. */
    public LocalDate valuationDate() {
        return valuationDate;
    }

    /** The number of daily log returns the covariance was estimated from. */
    public int returnsUsed() {
        return returnsUsed;
    }

    /** The instruments, in the order of every vector of this model. */
    public List<String> instruments() {
        return instruments;
    }

    /** Quantity times close on the valuation date, per instrument, sorted by instrument id. */
    public SortedMap<String, Double> holdingValues() {
        TreeMap<String, Double> byInstrument = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            byInstrument.put(instruments.get(i), values[i]);
        }
        return Collections.unmodifiableSortedMap(byInstrument);
    }

    /** The sum of the holding values, added in instrument-id order. */
    public double portfolioValue() {
        return portfolioValue;
    }

    /**
     * A copy of the mean of the simulated log returns over the horizon, per instrument: {@code -s_i²/2}
     * with {@code s_i²} the instrument's horizon variance, so that the expected price change is zero.
     * The sample mean of the history is not a drift of the model.
     */
    public double[] horizonMean() {
        return horizonMean.clone();
    }

    /** The Cholesky factor of the covariance of log returns over the horizon (daily covariance times horizon days). */
    public CholeskyDecomposition horizonCholesky() {
        return horizonCholesky;
    }

    double[] values() {
        return values;
    }

    double[] mean() {
        return horizonMean;
    }

    @Override
    public String toString() {
        return "RiskModel[portfolio=" + portfolio.id() + ", instruments=" + instruments + ", valuationDate="
                + valuationDate + ", returnsUsed=" + returnsUsed + "]";
    }
}
