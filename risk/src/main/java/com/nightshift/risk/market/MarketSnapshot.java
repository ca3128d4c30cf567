package com.nightshift.risk.market;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The market a VaR run starts from: its factors (spot, annualised vol, rate) and their correlation
 * matrix, in factor order. Whether it was read from {@code market.csv} and {@code corr.csv} or
 * estimated from a price history, the engine sees only this.
 *
 * <p>Immutable; the matrix is copied in and out. The constructor checks shape, symmetry, unit
 * diagonal and entries in [-1, 1]; positive definiteness is the Cholesky factorisation's to check.
 */
public final class MarketSnapshot {

    private static final double TOLERANCE = 1e-9;

    private final List<RiskFactor> factors;
    private final double[][] correlation;
    private final Map<String, Integer> index;

    public MarketSnapshot(List<RiskFactor> factors, double[][] correlation) {
        this.factors = List.copyOf(factors);
        int n = this.factors.size();
        Objects.requireNonNull(correlation, "correlation");
        if (correlation.length != n) {
            throw new IllegalArgumentException("correlation matrix has " + correlation.length + " rows for " + n
                    + " factors");
        }
        this.correlation = new double[n][];
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String name = this.factors.get(i).name();
            if (byName.put(name, i) != null) {
                throw new IllegalArgumentException("factor " + name + " appears twice");
            }
            if (correlation[i].length != n) {
                throw new IllegalArgumentException("correlation row of " + name + " has " + correlation[i].length
                        + " entries for " + n + " factors");
            }
            this.correlation[i] = correlation[i].clone();
        }
        for (int i = 0; i < n; i++) {
            String name = this.factors.get(i).name();
            if (Math.abs(this.correlation[i][i] - 1.0) > TOLERANCE) {
                throw new IllegalArgumentException("correlation of " + name + " with itself is "
                        + this.correlation[i][i] + ", not 1");
            }
            for (int j = 0; j < n; j++) {
                double c = this.correlation[i][j];
                if (!(Math.abs(c) <= 1.0 + TOLERANCE)) {
                    throw new IllegalArgumentException("correlation of " + name + " and "
                            + this.factors.get(j).name() + " is " + c + ", outside [-1, 1]");
                }
                if (Math.abs(c - this.correlation[j][i]) > TOLERANCE) {
                    throw new IllegalArgumentException("correlation matrix is not symmetric: " + name + "/"
                            + this.factors.get(j).name() + " is " + c + " but " + this.factors.get(j).name() + "/"
                            + name + " is " + this.correlation[j][i]);
                }
            }
        }
        this.index = Collections.unmodifiableMap(byName);
    }

    /** The factors, in the order of the correlation matrix's rows. */
    public List<RiskFactor> factors() {
        return factors;
    }

    /** The number of factors. */
    public int size() {
        return factors.size();
    }

    /** A copy of the correlation matrix. */
    public double[][] correlation() {
        double[][] copy = new double[correlation.length][];
        for (int i = 0; i < correlation.length; i++) {
            copy[i] = correlation[i].clone();
        }
        return copy;
    }

    /** The position of the named factor in {@link #factors()}, if there is one. */
    public Optional<Integer> indexOf(String name) {
        return Optional.ofNullable(index.get(name));
    }

    /** The factor names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(factors.size());
        factors.forEach(f -> names.add(f.name()));
        return names;
    }
}
