package com.nightshift.risk.var;

import java.util.Arrays;
import java.util.Locale;

/**
 * How the scenarios' standard normal draws are sampled. Each method reports its own Monte Carlo
 * error estimate (see {@link TailEstimator}).
 */
public enum SamplingMethod {
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

    /** The name used on command lines, in settings and in {@code var.json}. */
    public String id() {
        return id;
    }

    /**
     * The method with this {@link #id()} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SamplingMethod of(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (SamplingMethod method : values()) {
            if (method.id.equals(wanted)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown sampling method '" + id + "'; expected one of "
                + Arrays.stream(values()).map(SamplingMethod::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
