package com.nightshift.risk.var;

import com.nightshift.risk.math.NormalDistribution;
import com.nightshift.risk.math.SplitMix64;
import com.nightshift.risk.math.ZigguratNormals;
import com.nightshift.risk.scenario.SobolSequence;

/**
 * Draws the independent standard normals {@code z} of a range of scenarios, for one
 * {@link SamplingMethod}. Scenario {@code j}'s draws depend only on the seed, the method, the
 * scenario count and {@code j}: never on which thread, block or shard computes it. That is what
 * makes a run bit-identical however it is split.
 *
 * <p>The pseudo-random stream is counter-based: the random word of scenario {@code j}, dimension
 * {@code d} is the {@linkplain SplitMix64#mix SplitMix64 mixing} of a key built from the seed, {@code j}
 * and {@code d}, so any scenario can be drawn without drawing those before it; a block's draws are made
 * dimension by dimension over its scenarios, so the loops run over contiguous arrays. Words become
 * normals by the {@linkplain ZigguratNormals ziggurat}; Sobol points by the inverse normal CDF. Not
 * thread-safe (the Sobol replicate in hand is cached): one sampler per thread.
 */
final class ScenarioSampler {

    private static final long DIMENSION_GAMMA = 0xD1B54A32D192ED03L;
    private static final long REPLICATE_GAMMA = 0xBF58476D1CE4E5B9L;

    private final SamplingMethod method;
    private final long seed;
    private final int dimensions;
    private final int scenarios;
    private final int replications;
    /** Importance sampling's mean shift of {@code z}, and {@code |shift|² / 2}. */
    private final double[] shift;
    private final double halfShiftSquared;

    private int sobolReplicate = -1;
    private SobolSequence sobol;
    private double[] sobolPoints = new double[0];
    /** Per scenario of the block in hand: stream keys, one dimension's random words, importance sampling's z·μ. */
    private long[] keys = new long[0];
    private long[] words = new long[0];
    /** One dimension of a Sobol run's points. */
    private double[] uniforms = new double[0];
    private double[] dot = new double[0];

    ScenarioSampler(SamplingMethod method, long seed, int dimensions, int scenarios, int replications, double[] shift) {
        this.method = method;
        this.seed = seed;
        this.dimensions = dimensions;
        this.scenarios = scenarios;
        this.replications = replications;
        this.shift = shift;
        double squared = 0.0;
        for (double s : shift) {
            squared += s * s;
        }
        this.halfShiftSquared = 0.5 * squared;
    }

    /** The first scenario of replicate {@code r} of {@code replications} over {@code scenarios} ({@code r} may equal {@code replications}). */
    static int replicateStart(int r, int scenarios, int replications) {
        return (int) ((long) r * scenarios / replications);
    }

    /**
     * Writes the normals of scenarios {@code [first, first + count)} into {@code z[d * stride + b]}
     * and, for importance sampling, each scenario's likelihood ratio into {@code weights[b]}.
     */
    void fill(int first, int count, double[] z, int stride, double[] weights) {
        switch (method) {
            case PLAIN, ANTITHETIC -> {
                boolean antithetic = method == SamplingMethod.ANTITHETIC;
                keys(first, count, antithetic);
                for (int d = 0; d < dimensions; d++) {
                    words(count, d);
                    ZigguratNormals.normals(words, 0, count, z, d * stride);
                    if (antithetic) {
                        int row = d * stride;
                        for (int b = 0; b < count; b++) {
                            if (((first + b) & 1) == 1) {
                                z[row + b] = -z[row + b];
                            }
                        }
                    }
                }
            }
            case SOBOL -> fillSobol(first, count, z, stride);
            case IMPORTANCE -> {
                keys(first, count, false);
                java.util.Arrays.fill(dot, 0, count, 0.0);
                for (int d = 0; d < dimensions; d++) {
                    words(count, d);
                    int row = d * stride;
                    ZigguratNormals.normals(words, 0, count, z, row);
                    double s = shift[d];
                    for (int b = 0; b < count; b++) {
                        double normal = z[row + b];
                        dot[b] += s * normal;
                        z[row + b] = normal + s;
                    }
                }
                for (int b = 0; b < count; b++) {
                    // φ(z) / φ(z - μ) with z = normal + μ
                    weights[b] = StrictMath.exp(-dot[b] - halfShiftSquared);
                }
            }
            default -> throw new IllegalStateException("unhandled method " + method);
        }
    }

    private void fillSobol(int first, int count, double[] z, int stride) {
        int b = 0;
        while (b < count) {
            int scenario = first + b;
            int replicate = replicateOf(scenario);
            int end = Math.min(first + count, replicateStart(replicate + 1, scenarios, replications));
            int run = end - scenario;
            if (replicate != sobolReplicate) {
                sobol = SobolSequence.scrambled(dimensions, SplitMix64.mix(seed + (replicate + 1L) * REPLICATE_GAMMA));
                sobolReplicate = replicate;
            }
            if (sobolPoints.length < run * dimensions) {
                sobolPoints = new double[run * dimensions];
            }
            sobol.fill(scenario - replicateStart(replicate, scenarios, replications), run, sobolPoints);
            if (uniforms.length < run) {
                uniforms = new double[run];
            }
            for (int d = 0; d < dimensions; d++) {
                for (int i = 0; i < run; i++) {
                    uniforms[i] = sobolPoints[i * dimensions + d];
                }
                NormalDistribution.inverseCdf(uniforms, 0, run, z, d * stride + b);
            }
            b += run;
        }
    }

    private int replicateOf(int scenario) {
        int r = (int) ((long) scenario * replications / scenarios);
        // Integer division can land one replicate early or late at a boundary; settle it exactly.
        while (r > 0 && replicateStart(r, scenarios, replications) > scenario) {
            r--;
        }
        while (replicateStart(r + 1, scenarios, replications) <= scenario) {
            r++;
        }
        return r;
    }

    /** The keys of scenarios {@code [first, first + count)} (of their pairs, for antithetic sampling). */
    private void keys(int first, int count, boolean pairs) {
        if (keys.length < count) {
            keys = new long[count];
            words = new long[count];
            dot = new double[count];
        }
        for (int b = 0; b < count; b++) {
            keys[b] = scenarioKey(pairs ? (first + b) >>> 1 : first + b);
        }
    }

    /** Dimension {@code d}'s random words of the scenarios whose {@link #keys} are in hand. */
    private void words(int count, int d) {
        long step = (d + 1L) * DIMENSION_GAMMA;
        for (int b = 0; b < count; b++) {
            words[b] = SplitMix64.mix(keys[b] + step);
        }
    }

    private long scenarioKey(long index) {
        return SplitMix64.mix(seed + (index + 1L) * SplitMix64.GOLDEN_GAMMA);
    }
}
