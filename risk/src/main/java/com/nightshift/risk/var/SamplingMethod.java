package com.nightshift.risk.var;

/**
 * How the scenarios' standard normal draws are sampled. Each method reports its own Monte Carlo
 * error estimate (see {@link TailEstimator}).
 */
public enum SamplingMethod implements SettingChoice {
    /** Independent pseudo-random normals, a counter-based stream keyed by scenario index. */
    PLAIN("plain"),
    /** Pairs of scenarios {@code z} and {@code -z}: the pair shares one draw. */
    ANTITHETIC("antithetic"),
    /** Scrambled Sobol quasi-random points through the inverse normal, in independent randomised replicates. */
    SOBOL("sobol"),
    /** Pseudo-random normals shifted towards the book's loss tail, each scenario weighted by its likelihood ratio. */
    IMPORTANCE("importance");

    private final String id;

    SamplingMethod(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * The method with this {@link #id()} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SamplingMethod of(String id) {
        return SettingChoice.of(SamplingMethod.class, id, "sampling method");
    }

    @Override
    public String toString() {
        return id;
    }
}
