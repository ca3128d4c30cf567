package com.nightshift.risk.var;

/**
 * How options and bonds are revalued in each scenario. Both are full revaluation of the pricing
 * formula at the horizon; they differ only in where the formula is evaluated.
 */
public enum Revaluation implements SettingChoice {
    /**
     * Every instrument priced by its formula in every scenario. Exact and slow: two normal CDFs and
     * an exponential per option and scenario.
     */
    EXACT("exact"),
    /**
     * The default. All the options and bonds of one portfolio on one factor depend on the scenario only
     * through that factor's level, so their summed horizon value is one smooth function of it. That
     * function is priced exactly, with its derivative, at {@link BookModel#GRID_NODES} levels
     * spanning ±{@link BookModel#GRID_SDS} standard deviations of the factor's move, and read in each
     * scenario by cubic Hermite interpolation (error of order {@code h⁴}, relative 1e-10 or smaller
     * at these spacings; a test bounds it against {@link #EXACT}). Moves outside the grid, options
     * that expire within the horizon (whose payoff has a kink) and factors with zero volatility are
     * priced exactly.
     */
    INTERPOLATED("interpolated");

    private final String id;

    Revaluation(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /** The choice with this {@link #id()} (case-insensitive). */
    public static Revaluation of(String id) {
        return SettingChoice.of(Revaluation.class, id, "revaluation");
    }

    @Override
    public String toString() {
        return id;
    }
}
