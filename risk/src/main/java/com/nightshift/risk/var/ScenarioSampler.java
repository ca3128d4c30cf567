package com.nightshift.risk.var;

import com.nightshift.risk.math.NormalDistribution;
import com.nightshift.risk.scenario.SobolSequence;

/**
 * Draws the independent standard normals {@code z} of a range of scenarios, for one
 * {@link SamplingMethod}. Scenario {@code j}'s draws depend only on the seed, the method, the
 * scenario count and {@code j}: never on which thread, block or shard computes it. That is what
 * makes a run bit-identical however it is split.
 *
 * <p>The pseudo-random stream is counter-based: the uniform of scenario {@code j}, dimension
 * {@code d} is the SplitMix64 finaliser of a key built from the seed, {@code j} and {@code d}, so
 * any scenario can be drawn without drawing those before it. Uniforms become normals by the inverse
 * normal CDF. Not thread-safe (the Sobol replicate in hand is cached): one sampler per thread.
 */
final class ScenarioSampler {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long DIMENSION_GAMMA = 0xD1B54A32D192ED03L;
    private static final long REPLICATE_GAMMA = 0xBF58476D1CE4E5B9L;
    private static final double UNIT = 0x1.0p-53;

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
            case PLAIN -> {
                for (int b = 0; b < count; b++) {
                    long key = scenarioKey(first + b);
                    for (int d = 0; d < dimensions; d++) {
                        z[d * stride + b] = NormalDistribution.inverseCdf(uniform(key, d));
                    }
                }
            }
            case ANTITHETIC -> {
                for (int b = 0; b < count; b++) {
                    int scenario = first + b;
                    long key = scenarioKey(scenario >>> 1);
                    boolean mirrored = (scenario & 1) == 1;
                    for (int d = 0; d < dimensions; d++) {
                        double normal = NormalDistribution.inverseCdf(uniform(key, d));
                        z[d * stride + b] = mirrored ? -normal : normal;
                    }
                }
            }
            case SOBOL -> fillSobol(first, count, z, stride);
            case IMPORTANCE -> {
                for (int b = 0; b < count; b++) {
                    long key = scenarioKey(first + b);
                    double dot = 0.0;
                    for (int d = 0; d < dimensions; d++) {
                        double normal = NormalDistribution.inverseCdf(uniform(key, d));
                        dot += shift[d] * normal;
                        z[d * stride + b] = normal + shift[d];
                    }
                    // φ(z) / φ(z - μ) with z = normal + μ
                    weights[b] = StrictMath.exp(-dot - halfShiftSquared);
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
                sobol = SobolSequence.scrambled(dimensions, mix64(seed + (replicate + 1L) * REPLICATE_GAMMA));
                sobolReplicate = replicate;
            }
            if (sobolPoints.length < run * dimensions) {
                sobolPoints = new double[run * dimensions];
            }
            sobol.fill(scenario - replicateStart(replicate, scenarios, replications), run, sobolPoints);
            for (int i = 0; i < run; i++) {
                for (int d = 0; d < dimensions; d++) {
                    z[d * stride + b + i] = NormalDistribution.inverseCdf(sobolPoints[i * dimensions + d]);
                }
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

    private long scenarioKey(long index) {
        return mix64(seed + (index + 1L) * GOLDEN_GAMMA);
    }

    /** A uniform in (0, 1), never 0 or 1, for dimension {@code d} of the scenario with this key. */
    private static double uniform(long key, int d) {
        return ((mix64(key + (d + 1L) * DIMENSION_GAMMA) >>> 11) + 0.5) * UNIT;
    }

    /** The SplitMix64 finaliser (Stafford's variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
